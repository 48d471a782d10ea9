using Triage.Server.Data;
using System.Globalization;
using Dapper;
using Triage.Client.Reports;
using Triage.Client.Webhooks;
using Triage.Server.Pipeline;
using Triage.Server.Routing;
using Triage.Server.Search;
using Triage.Server.Webhooks;

namespace Triage.Server.Reports;

/// <summary>One report to file, already checked: who files it, for which unit, what it says and when it was seen.</summary>
/// <param name="Platform">The platform named by the reporter, else null (the URL's platform is taken then).</param>
/// <param name="SubmittedAt">Now for a member's report; the time the sheet says for an imported one.</param>
public sealed record Filing(
    long ReporterUserId, long ReporterUnitId, string ReporterUnitPath, PostUrl? Url, string? Platform, string? Text,
    string? Category, string? Note, DateTimeOffset SubmittedAt, long? ImportId = null);

/// <summary><c>MatchedBy</c> is "url", "text" or null when the report opened a new case.</summary>
public sealed record Filed(long ReportId, long CaseId, string? MatchedBy);

/// <summary>
/// Files a report and groups it: the same canonical URL as an open case joins that case, else text that
/// is a near-duplicate of an open case's report joins it, else a new case opens in the reporter's unit,
/// placed by the routing rules and announced to webhooks. Every way a report enters the desk (a member's
/// submit, a coordinator's import) goes through here, inside the caller's write transaction, so two first
/// reports of one post cannot open two cases.
/// </summary>
public static class Intake
{
    public static async Task<Filed> FileAsync(Work work, Filing filing)
    {
        var url = filing.Url;
        var text = string.IsNullOrWhiteSpace(filing.Text) ? null : filing.Text.Trim();
        var folded = TextFold.Fold(text);
        var signature = folded.Length > 0 ? NearDuplicates.Sign(folded) : null;
        var platform = string.IsNullOrWhiteSpace(filing.Platform) ? url?.Platform : filing.Platform;

        var (caseId, matchedBy) = await CaseGrouping.FindAsync(work.Connection, work.Transaction, url?.Canonical, signature);
        if (caseId is null)
        {
            caseId = await OpenCaseAsync(work, filing, Title(text, url?.Canonical, platform), platform, text, folded);
            await CaseRouting.ApplyAsync(work, caseId.Value);
            await WebhookOutbox.EnqueueAsync(work, WebhookEvents.CaseCreated, caseId.Value);
        }
        else
            await JoinCaseAsync(work, caseId.Value, filing, matchedBy == "url" ? SearchText.Fold(text) : "");

        var reportId = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, url_raw, url_canonical, platform, text, text_folded,
                                 text_signature, category, note, matched_by, submitted_at, import_id)
            VALUES (@caseId, @ReporterUserId, @ReporterUnitId, @urlRaw, @urlCanonical, @platform, @text, @folded, @signature, @category,
                    @note, @matchedBy, @SubmittedAt, @ImportId)
            RETURNING id
            """, new
            {
                caseId, filing.ReporterUserId, filing.ReporterUnitId, urlRaw = url?.Raw, urlCanonical = url?.Canonical, platform, text, folded,
                signature = signature?.ToBytes(), category = Blank(filing.Category), note = Blank(filing.Note), matchedBy,
                filing.SubmittedAt, filing.ImportId,
            }, work.Transaction);

        if (signature is not null)
            await CaseGrouping.InsertBandsAsync(work.Connection, work.Transaction, caseId.Value, reportId, signature);
        await work.Connection.ExecuteAsync(
            "INSERT INTO case_reporter_units (case_id, unit_id) VALUES (@caseId, @ReporterUnitId) ON CONFLICT DO NOTHING",
            new { caseId, filing.ReporterUnitId }, work.Transaction);
        work.AnnounceCase(caseId.Value);
        return new Filed(reportId, caseId.Value, matchedBy);
    }

    private static async Task<long> OpenCaseAsync(Work work, Filing filing, string title, string? platform, string? text, string folded)
    {
        var caseId = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO cases (status, title, platform, owner_unit_id, queue_id, report_count, search_texts,
                               first_reported_at, last_reported_at, created_at, updated_at)
            VALUES ('new', @title, @platform, @ReporterUnitId, (SELECT id FROM queues WHERE unit_id = @ReporterUnitId AND is_inbox = TRUE), 1,
                    @searchTexts, @SubmittedAt, @SubmittedAt, @Now, @Now)
            RETURNING id
            """, new { title, platform, filing.ReporterUnitId, searchTexts = folded.Length > 0 ? 1 : 0, filing.SubmittedAt, work.Now },
            work.Transaction);
        await CaseSearch.AddAsync(work.Connection, work.Transaction, caseId, title, text);
        return caseId;
    }

    /// <summary>
    /// One more report: the owner becomes the lowest unit holding every reporter (an escalated owner
    /// above that stays), and a case still in its old owner's Inbox follows to the new owner's Inbox.
    /// An imported report seen earlier than the case's first report moves the first-reported time back.
    /// </summary>
    private static async Task JoinCaseAsync(Work work, long caseId, Filing filing, string newSearchText)
    {
        var (ownerPath, searchTexts) = await work.Connection.QuerySingleAsync<(string, long)>("""
            SELECT o.path, c.search_texts FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId
            """, new { caseId }, work.Transaction);
        var owner = CommonAncestor(ownerPath, filing.ReporterUnitPath);
        var addText = newSearchText.Length > 0 && searchTexts < CaseSearch.MaxTexts ? 1 : 0;
        await work.Connection.ExecuteAsync($"""
            UPDATE cases
            SET report_count = report_count + 1,
                version = version + 1,
                first_reported_at = {work.Connection.Least("first_reported_at", "@SubmittedAt")},
                last_reported_at = {work.Connection.Greatest("last_reported_at", "@SubmittedAt")},
                updated_at = @Now,
                owner_unit_id = @owner,
                queue_id = CASE WHEN queue_id = (SELECT id FROM queues WHERE unit_id = owner_unit_id AND is_inbox = TRUE)
                                THEN (SELECT id FROM queues WHERE unit_id = @owner AND is_inbox = TRUE)
                                ELSE queue_id END,
                search_texts = search_texts + @addText
            WHERE id = @caseId
            """, new { caseId, owner, addText, filing.SubmittedAt, work.Now }, work.Transaction);
        if (addText == 1)
            await work.Connection.ExecuteAsync("UPDATE case_search SET body = body || ' ' || @newSearchText WHERE rowid = @caseId",
                new { caseId, newSearchText }, work.Transaction);
    }

    /// <summary>The deepest unit on both paths ('/1/4/12/' and '/1/5/' share '/1/', so unit 1).</summary>
    internal static long CommonAncestor(string a, string b)
    {
        var left = a.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var right = b.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var shared = left.Zip(right).TakeWhile(p => p.First == p.Second).Select(p => p.First).LastOrDefault()
            ?? throw new InvalidOperationException($"Units {a} and {b} share no ancestor.");
        return long.Parse(shared, CultureInfo.InvariantCulture);
    }

    private static string Title(string? text, string? url, string? platform)
    {
        if (text is not null)
        {
            var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
            return line.Length <= 120 ? line : string.Concat(line.AsSpan(0, 119), "…");
        }
        return url ?? $"[{platform ?? "screenshot"}]";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

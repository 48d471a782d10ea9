using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Resources;
using Triage.Server.Evidence;
using Triage.Server.Pipeline;
using Triage.Server.Routing;
using Triage.Server.Search;
using Triage.Client.Webhooks;
using Triage.Server.Webhooks;

namespace Triage.Server.Reports;

/// <summary>
/// Files a report and groups it: the same canonical URL as an open case joins that case, else text that
/// is a near-duplicate of an open case's report joins it, else a new case opens in the reporter's unit.
/// Runs inside the write transaction, so two first reports of one post cannot open two cases.
/// </summary>
public sealed class SubmitReportHandler(EvidenceStore evidence, IStringLocalizer<Strings> localizer)
    : CommandHandler<SubmitReport, SubmittedReport>
{
    protected override async Task<SubmittedReport> Handle(SubmitReport request, Work work, CancellationToken ct)
    {
        var actor = work.Actor;
        var userId = actor.UserId ?? throw new ForbiddenException();
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        var fingerprint = Fingerprint(request);
        if (key is not null && await ReplayAsync(work, userId, key, fingerprint) is { } replay)
            return replay;

        var url = ParseUrl(request.Url);
        var images = await CheckInputsAsync(request, work);
        var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        var folded = TextFold.Fold(text);
        var signature = folded.Length > 0 ? NearDuplicates.Sign(folded) : null;
        var platform = string.IsNullOrWhiteSpace(request.Platform) ? url?.Platform : request.Platform;

        var (caseId, matchedBy) = await CaseGrouping.FindAsync(work.Connection, work.Transaction, url?.Canonical, signature);
        if (caseId is null)
        {
            caseId = await OpenCaseAsync(work, actor, Title(text, url?.Canonical, platform), platform, text, folded);
            await CaseRouting.ApplyAsync(work, caseId.Value);
            await WebhookOutbox.EnqueueAsync(work, WebhookEvents.CaseCreated, caseId.Value);
        }
        else
            await JoinCaseAsync(work, caseId.Value, actor, matchedBy == "url" ? SearchText.Fold(text) : "");

        var reportId = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, url_raw, url_canonical, platform, text, text_folded,
                                 text_signature, category, note, matched_by, submitted_at)
            VALUES (@caseId, @userId, @UnitId, @urlRaw, @urlCanonical, @platform, @text, @folded, @signature, @category, @note,
                    @matchedBy, @Now)
            RETURNING id
            """, new
            {
                caseId, userId, actor.UnitId, urlRaw = url?.Raw, urlCanonical = url?.Canonical, platform, text, folded,
                signature = signature?.ToBytes(), category = Blank(request.Category), note = Blank(request.Note), matchedBy, work.Now,
            }, work.Transaction);

        if (signature is not null)
            await CaseGrouping.InsertBandsAsync(work.Connection, work.Transaction, caseId.Value, reportId, signature);
        await work.Connection.ExecuteAsync(
            "INSERT OR IGNORE INTO case_reporter_units (case_id, unit_id) VALUES (@caseId, @UnitId)", new { caseId, actor.UnitId }, work.Transaction);

        var hashes = await StoreEvidenceAsync(work, reportId, images, ct);

        var result = new SubmittedReport(reportId, caseId.Value, matchedBy);
        if (key is not null)
            await work.Connection.ExecuteAsync("""
                INSERT INTO idempotency_keys (user_id, key, request_hash, response, created_at)
                VALUES (@userId, @key, @fingerprint, @response, @Now)
                """, new { userId, key, fingerprint, response = JsonSerializer.Serialize(result), work.Now }, work.Transaction);

        work.Subject("report", reportId);
        work.Detail("caseId", caseId);
        work.AnnounceCase(caseId.Value);
        work.Detail("matchedBy", matchedBy);
        if (hashes.Count > 0) work.Detail("evidence", hashes);
        return result;
    }

    private static async Task<SubmittedReport?> ReplayAsync(Work work, long userId, string key, string fingerprint)
    {
        var previous = await work.Connection.QuerySingleOrDefaultAsync<(string Hash, string Response)?>(
            "SELECT request_hash, response FROM idempotency_keys WHERE user_id = @userId AND key = @key",
            new { userId, key }, work.Transaction);
        if (previous is null) return null;
        if (previous.Value.Hash != fingerprint)
            throw new ConflictException("Conflict.IdempotencyKeyReused", "This Idempotency-Key was used for a different report.");
        var replay = JsonSerializer.Deserialize<SubmittedReport>(previous.Value.Response)!;
        work.Subject("report", replay.ReportId);
        work.Detail("replayed", true);
        return replay;
    }

    private static PostUrl? ParseUrl(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : PostUrls.TryParse(raw, out var url, out _) ? url : null;

    /// <summary>The checks that need the database or the bytes; the validation behaviour did the rest.</summary>
    private async Task<List<CleanImage>> CheckInputsAsync(SubmitReport request, Work work)
    {
        var errors = new Dictionary<string, string[]>();
        if (Blank(request.Category) is { } category && !await work.Connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM taxonomy_terms WHERE kind = 'category' AND code = @category)", new { category }, work.Transaction))
            errors["category"] = [localizer[ReportRules.UnknownCategory]];

        var images = new List<CleanImage>();
        var problems = new List<string>();
        foreach (var (screenshot, index) in request.Screenshots.Select((s, i) => (s, i)))
        {
            if (ImageSanitizer.TryClean(screenshot.Content, out var image, out var error)) images.Add(image!);
            else problems.Add(localizer[error!, index + 1, screenshot.FileName ?? ""]);
        }
        if (problems.Count > 0) errors["screenshots"] = [.. problems];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return images;
    }

    private static async Task<long> OpenCaseAsync(Work work, Actor actor, string title, string? platform, string? text, string folded)
    {
        var caseId = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO cases (status, title, platform, owner_unit_id, queue_id, report_count, search_texts,
                               first_reported_at, last_reported_at, created_at, updated_at)
            VALUES ('new', @title, @platform, @UnitId, (SELECT id FROM queues WHERE unit_id = @UnitId AND is_inbox = 1), 1,
                    @searchTexts, @Now, @Now, @Now, @Now)
            RETURNING id
            """, new { title, platform, actor.UnitId, searchTexts = folded.Length > 0 ? 1 : 0, work.Now }, work.Transaction);
        await CaseSearch.AddAsync(work.Connection, work.Transaction, caseId, title, text);
        return caseId;
    }

    /// <summary>
    /// One more report: the owner becomes the lowest unit holding every reporter (an escalated owner
    /// above that stays), and a case still in its old owner's Inbox follows to the new owner's Inbox.
    /// </summary>
    private static async Task JoinCaseAsync(Work work, long caseId, Actor actor, string newSearchText)
    {
        var (ownerPath, searchTexts) = await work.Connection.QuerySingleAsync<(string, long)>("""
            SELECT o.path, c.search_texts FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId
            """, new { caseId }, work.Transaction);
        var owner = CommonAncestor(ownerPath, actor.UnitPath);
        var addText = newSearchText.Length > 0 && searchTexts < CaseSearch.MaxTexts ? 1 : 0;
        await work.Connection.ExecuteAsync("""
            UPDATE cases
            SET report_count = report_count + 1,
                version = version + 1,
                last_reported_at = @Now,
                updated_at = @Now,
                owner_unit_id = @owner,
                queue_id = CASE WHEN queue_id = (SELECT id FROM queues WHERE unit_id = owner_unit_id AND is_inbox = 1)
                                THEN (SELECT id FROM queues WHERE unit_id = @owner AND is_inbox = 1)
                                ELSE queue_id END,
                search_texts = search_texts + @addText
            WHERE id = @caseId
            """, new { caseId, owner, addText, work.Now }, work.Transaction);
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

    private async Task<List<string>> StoreEvidenceAsync(Work work, long reportId, List<CleanImage> images, CancellationToken ct)
    {
        var hashes = new List<string>();
        foreach (var (image, position) in images.Select((image, i) => (image, i)))
        {
            var sha = await evidence.SaveAsync(image.Content, ct);
            await work.Connection.ExecuteAsync("""
                INSERT OR IGNORE INTO evidence (sha256, content_type, bytes, width, height, created_at)
                VALUES (@sha, @ContentType, @bytes, @Width, @Height, @Now);
                INSERT INTO report_evidence (report_id, position, sha256) VALUES (@reportId, @position, @sha);
                """, new { sha, image.ContentType, bytes = image.Content.Length, image.Width, image.Height, work.Now, reportId, position }, work.Transaction);
            hashes.Add(sha);
        }
        return hashes;
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

    /// <summary>What makes two submits "the same request" for an Idempotency-Key.</summary>
    private static string Fingerprint(SubmitReport r)
    {
        var parts = new[] { r.Url, r.Platform, r.Text, r.Category, r.Note }.Select(p => p?.Trim() ?? "")
            .Concat(r.Screenshots.Select(s => EvidenceStore.HashOf(s.Content)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
    }
}

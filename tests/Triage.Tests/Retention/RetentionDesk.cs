using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Responses;
using Triage.Server.Retention;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Retention;

/// <summary>Reports with screenshots, cases finished the way reviewers finish them, and what a test needs to see of the erasure.</summary>
public static class RetentionDesk
{
    public const string Reviewer = "reviewer@demo.local";
    public const string Member = "member@demo.local";
    public const string Member2 = "member2@demo.local";

    /// <summary>Three different images: a distinct shade makes a distinct file.</summary>
    public static readonly byte[] ImageA = TestImages.Png(shade: 0x10);
    public static readonly byte[] ImageB = TestImages.Png(shade: 0x50);
    public static readonly byte[] ImageC = TestImages.Png(shade: 0x90);

    public static async Task<IReadOnlyList<T>> Rows<T>(this TestDesk desk, string sql, object? args = null)
    {
        await using var connection = await desk.Db.OpenAsync();
        return [.. await connection.QueryAsync<T>(sql, args)];
    }

    public static async Task<T> Row<T>(this TestDesk desk, string sql, object? args = null) => Assert.Single(await desk.Rows<T>(sql, args));

    public static Task<IReadOnlyList<T>> Scalars<T>(this TestDesk desk, string sql, object? args = null) => desk.Rows<T>(sql, args);

    public static RetentionJob Job(this TestDesk desk) => desk.Services.GetRequiredService<RetentionJob>();

    public static Task AddMember2(this TestDesk desk) => desk.AddUser(Member2, Role.Member, "D1-C1");

    public static Task<SubmittedReport> Report(this TestDesk desk, string email, string text, string? url = null, string? note = null,
        params byte[][] images) =>
        desk.SendAs(email, new SubmitReport
        {
            Text = text, Url = url, Note = note, Category = "health",
            Screenshots = [.. images.Select((image, i) => new Screenshot($"shot{i}.png", image))],
        });

    public static async Task Dismiss(this TestDesk desk, long caseId) =>
        await desk.SendAs(Reviewer, new DismissCase { CaseId = caseId, ExpectedVersion = await desk.Version(caseId), Reason = "Không phải tin sai" });

    /// <summary>Classified, then closed as needing no counter-message: the reviewer's own path to closed.</summary>
    public static async Task Close(this TestDesk desk, long caseId)
    {
        await desk.SendAs(Reviewer, new ClassifyCase { CaseId = caseId, ExpectedVersion = await desk.Version(caseId), Verdict = "misleading", Category = "health", Severity = 2 });
        await desk.SendAs(Reviewer, new CloseCase { CaseId = caseId, ExpectedVersion = await desk.Version(caseId), Outcome = "no_response_needed" });
    }

    public static string Sha(byte[] image) => Triage.Server.Evidence.EvidenceStore.HashOf(image);

    /// <summary>The stored (cleaned) image's hash: screenshots are re-encoded, so it is read back from the report.</summary>
    public static Task<string> StoredSha(this TestDesk desk, long reportId, int position = 0) => desk.Scalar<string>(
        "SELECT sha256 FROM report_evidence WHERE report_id = @reportId AND position = @position", new { reportId, position });

    public static bool FileExists(this TestDesk desk, string sha) => File.Exists(Path.Combine(desk.Directory, "evidence", sha[..2], sha));

    public static Task<long> ErasedReporter(this TestDesk desk) =>
        desk.Scalar<long>("SELECT id FROM users WHERE email = @ErasedReporterEmail", new { Erasure.ErasedReporterEmail });

    public static async Task<string> PseudonymOf(this TestDesk desk, long userId)
    {
        await using var connection = await desk.Db.OpenAsync();
        return (await Triage.Server.Exports.ReporterPseudonyms.LoadAsync(connection, Path.Combine(desk.Directory, "keys"), desk.Clock.GetUtcNow())).Of(userId);
    }

    /// <summary>Everything erasure must leave alone, as one comparable text.</summary>
    public static Task<string> Untouchable(this TestDesk desk, long erasedCaseId) => desk.Scalar<string>($"""
        SELECT {TestDatabase.JsonArray}(
          (SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, status, version, title, platform, owner_unit_id, queue_id, report_count, verdict, category,
                  severity, outcome, assignee_user_id, classification_note, closed_at, updated_at, priority, first_reported_at))
           FROM (SELECT * FROM cases ORDER BY id) AS t),
          (SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, case_id, reporter_unit_id, url_canonical, platform, text, text_folded, category, matched_by, submitted_at))
           FROM (SELECT * FROM reports ORDER BY id) AS t),
          (SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, reporter_user_id, url_raw, note, reporter_pseudonym))
           FROM (SELECT * FROM reports WHERE case_id <> @erasedCaseId ORDER BY id) AS t),
          (SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(report_id, position, sha256))
           FROM (SELECT * FROM report_evidence WHERE report_id NOT IN (SELECT id FROM reports WHERE case_id = @erasedCaseId) ORDER BY report_id, position) AS t),
          (SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, email, name, unit_id, password_hash, security_stamp, disabled_at))
           FROM (SELECT * FROM users WHERE email <> 'erased@triage.invalid' ORDER BY id) AS t),
          (SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, case_id, author_user_id, kind, text, status)) FROM (SELECT * FROM counter_messages ORDER BY id) AS t),
          (SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, case_id, author_user_id, text)) FROM (SELECT * FROM case_comments ORDER BY id) AS t),
          (SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(case_id, unit_id)) FROM (SELECT * FROM case_reporter_units ORDER BY case_id, unit_id) AS t))
        """, new { erasedCaseId });

    /// <summary>The audit log up to an event, as written: erasure appends to it and changes nothing in it.</summary>
    public static Task<string> AuditUpTo(this TestDesk desk, long lastId) => desk.Scalar<string>(
        $"SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, action, actor, data, hash)) FROM (SELECT * FROM audit_events WHERE id <= @lastId ORDER BY id) AS t", new { lastId });

    public static Task<long> LastAuditId(this TestDesk desk) => desk.Scalar<long>("SELECT coalesce(max(id), 0) FROM audit_events");
}

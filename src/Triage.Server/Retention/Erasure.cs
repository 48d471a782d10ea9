using Triage.Server.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Triage.Server.Exports;

namespace Triage.Server.Retention;

/// <summary>What one erasure took: reports unlinked from their reporters, and screenshots no report refers to any more.</summary>
public readonly record struct ErasedCounts(long Reports, long Evidence)
{
    public static ErasedCounts operator +(ErasedCounts a, ErasedCounts b) => new(a.Reports + b.Reports, a.Evidence + b.Evidence);
}

/// <summary>
/// Unlinks reports from the people who sent them, inside the caller's write transaction (decision 0020). A report keeps
/// its post (canonical URL, text, platform, category), unit, time and case; it loses its reporter (moved to the desk's
/// one erased-reporter user, with the pseudonym exports give them kept instead), the reporter's note about themselves,
/// the raw URL (share links carry the sharer's tracking ids), its screenshots, the outcome notices its reporter got and
/// the reporter's idempotency record. A screenshot row goes only when no report refers to it any more; its file is left
/// to <see cref="RetentionJob.PurgeFilesAsync"/> after the commit, through <c>erased_files</c>.
/// </summary>
public static class Erasure
{
    public const string ErasedReporterEmail = "erased@triage.invalid";
    private const string ErasedReporterKey = "retention.erased_reporter_id";
    private const int Chunk = 500;

    /// <summary>
    /// The disabled, password-less user erased reports point at (reporter_user_id is NOT NULL). Created on first use,
    /// not by the migration: a new desk has no unit to put it in until the seed or the first admin verb runs.
    /// </summary>
    public static async Task<long> ErasedReporterAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now)
    {
        if (await connection.ExecuteScalarAsync<string?>("SELECT value FROM desk_state WHERE key = @ErasedReporterKey",
                new { ErasedReporterKey }, tx) is { } known)
            return long.Parse(known, CultureInfo.InvariantCulture);
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO users (email, name, unit_id, password_hash, security_stamp, disabled_at, created_at)
            VALUES (@ErasedReporterEmail, '', (SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1), NULL,
                    @stamp, @now, @now)
            RETURNING id
            """, new { ErasedReporterEmail, stamp = Account.Passwords.NewStamp(), now }, tx);
        await connection.ExecuteAsync("INSERT INTO desk_state (key, value) VALUES (@ErasedReporterKey, @value)",
            new { ErasedReporterKey, value = id.ToString(CultureInfo.InvariantCulture) }, tx);
        return id;
    }

    /// <summary>Erases those of the reports not erased yet; answers what it took.</summary>
    public static async Task<ErasedCounts> EraseReportsAsync(
        DbConnection connection, DbTransaction tx, DateTimeOffset now, IEnumerable<long> reportIds, ReporterPseudonyms pseudonyms)
    {
        var total = default(ErasedCounts);
        foreach (var chunk in reportIds.Chunk(Chunk))
            total += await EraseChunkAsync(connection, tx, now, chunk, pseudonyms);
        return total;
    }

    private static async Task<ErasedCounts> EraseChunkAsync(
        DbConnection connection, DbTransaction tx, DateTimeOffset now, long[] ids, ReporterPseudonyms pseudonyms)
    {
        var reports = (await connection.QueryAsync<(long Id, long CaseId, long UserId)>(
            $"SELECT id, case_id, reporter_user_id FROM reports WHERE id {connection.InList("@ids")} AND reporter_pseudonym IS NULL", new { ids }, tx)).ToList();
        if (reports.Count == 0) return default;
        ids = [.. reports.Select(r => r.Id)];
        var erasedReporter = await ErasedReporterAsync(connection, tx, now);

        var shas = (await connection.QueryAsync<string>(
            $"SELECT DISTINCT sha256 FROM report_evidence WHERE report_id {connection.InList("@ids")}", new { ids }, tx)).ToList();
        await connection.ExecuteAsync($"DELETE FROM report_evidence WHERE report_id {connection.InList("@ids")}", new { ids }, tx);
        long evidence = 0;
        foreach (var sha in shas)
        {
            // Content-addressed: the same image sent by someone else, in a report not erased, keeps it.
            var gone = await connection.ExecuteAsync(
                "DELETE FROM evidence WHERE sha256 = @sha AND NOT EXISTS (SELECT 1 FROM report_evidence WHERE sha256 = @sha)", new { sha }, tx);
            if (gone == 0) continue;
            evidence++;
            await connection.ExecuteAsync("INSERT INTO erased_files (sha256, erased_at) VALUES (@sha, @now) ON CONFLICT DO NOTHING", new { sha, now }, tx);
        }

        using (var pass = pseudonyms.Begin())
        {
            var updates = reports.Select(r => new { r.Id, Pseudonym = pass.Of(r.UserId), erasedReporter }).ToList();
            await connection.ExecuteAsync("""
                UPDATE reports
                SET reporter_pseudonym = @Pseudonym, reporter_user_id = @erasedReporter, note = NULL,
                    url_raw = coalesce(url_canonical, url_raw)
                WHERE id = @Id
                """, updates, tx);
        }
        // What still tied the person to these reports: the outcome notices they were sent and their retry records.
        await connection.ExecuteAsync(
            "DELETE FROM notifications WHERE kind = 'outcome' AND user_id = @UserId AND case_id = @CaseId",
            reports.Select(r => new { r.UserId, r.CaseId }).Distinct().ToList(), tx);
        await connection.ExecuteAsync(
            $"DELETE FROM idempotency_keys WHERE user_id = @UserId AND {connection.JsonInteger("response", "$.ReportId")} = @Id",
            reports.Select(r => new { r.UserId, r.Id }).ToList(), tx);
        return new ErasedCounts(reports.Count, evidence);
    }
}

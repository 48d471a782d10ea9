using System.Globalization;
using Dapper;
using Triage.Client.Layout;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Hosting;

namespace Triage.Server.Stats;

/// <summary>
/// Adds newly filed reports to <c>daily_report_counts</c>, by the desk's local day. Reports are only ever
/// added (merge and split move reports between cases, not between days, units or platforms), so reading
/// past a watermark by id counts each report exactly once, in the same transaction that moves the mark.
/// </summary>
public sealed class DailyReportCounts(
    Db db, WriteGate gate, TimeProvider clock, DeskTime time, JobLease lease, ILogger<DailyReportCounts> log, JobHeartbeats? heartbeats = null)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    public const int Batch = 20_000;
    private const string Name = "daily_report_counts";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                if (await lease.HoldsAsync(nameof(DailyReportCounts), stoppingToken)) await CatchUpAsync(stoppingToken);
                heartbeats?.Beat(nameof(DailyReportCounts), 5 * Interval);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The watermark did not move, so the next tick counts the same reports again, once.
                log.LogError(e, "Counting reports by day failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Counts every report filed since the last pass; answers how many it counted.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        var counted = 0;
        while (true)
        {
            var batch = await PassAsync(ct);
            counted += batch;
            if (batch < Batch) return counted;
        }
    }

    private async Task<int> PassAsync(CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var after = await connection.ExecuteScalarAsync<long?>("SELECT last_id FROM rollup_watermarks WHERE name = @Name", new { Name }, tx) ?? 0;
        var rows = (await connection.QueryAsync<(long Id, long UnitId, string? Platform, string SubmittedAt, bool Matched)>("""
            SELECT id, reporter_unit_id, platform, submitted_at, matched_by IS NOT NULL FROM reports WHERE id > @after ORDER BY id LIMIT @Batch
            """, new { after, Batch }, tx)).ToList();
        if (rows.Count == 0) return 0;

        var buckets = rows
            .GroupBy(r => (Day: Day(DapperSetup.Parse(r.SubmittedAt)), r.UnitId, Platform: r.Platform ?? "other"))
            .Select(g => new { g.Key.Day, g.Key.UnitId, g.Key.Platform, Reports = g.Count(), NewCases = g.Count(r => !r.Matched) });
        await connection.ExecuteAsync("""
            INSERT INTO daily_report_counts (day, unit_id, platform, reports, new_cases) VALUES (@Day, @UnitId, @Platform, @Reports, @NewCases)
            ON CONFLICT (day, unit_id, platform) DO UPDATE SET reports = daily_report_counts.reports + excluded.reports, new_cases = daily_report_counts.new_cases + excluded.new_cases
            """, buckets, tx);
        await connection.ExecuteAsync("""
            INSERT INTO rollup_watermarks (name, last_id) VALUES (@Name, @last) ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id
            """, new { Name, last = rows[^1].Id }, tx);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, time.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

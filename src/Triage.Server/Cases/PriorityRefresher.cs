using System.Globalization;
using Dapper;
using Triage.Client.Cases;
using Triage.Server.Data;
using Triage.Server.Hosting;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// <see cref="CasePriority.Of"/> in SQL over the case row, with the age taken at <c>now</c> (an SQL
/// expression for an ISO-8601 UTC time). Whole hours are counted on milliseconds, rounded, so a time
/// read back from text does not lose an hour to floating point.
/// Everything interpolated is a compile-time constant of <see cref="CasePriority"/> or a status code, and
/// <c>now</c> is a parameter name or SQL expression chosen by the caller's code, never user input.
/// </summary>
public static class PrioritySql
{
    private static readonly string OpenStatuses = string.Join(", ", CaseStatuses.Open.Select(s => $"'{s.Code()}'"));

    public static string Score(System.Data.Common.DbConnection connection, string now) => string.Create(CultureInfo.InvariantCulture, $"""
        {connection.Least($"report_count * {CasePriority.PerReport}", $"{CasePriority.MaxReports}")}
        + {connection.Least($"{CasePriority.PerExtraUnit} * {connection.Greatest("0", "reporter_unit_count - 1")} + {CasePriority.PerExtraPlatform} * {connection.Greatest("0", "platform_count - 1")}", $"{CasePriority.MaxReach}")}
        + {CasePriority.PerSeverityLevel} * coalesce(severity, {CasePriority.UnclassifiedSeverity})
        + CASE WHEN status IN ({OpenStatuses})
               THEN {connection.Least($"{CasePriority.MaxAgeHours}", connection.Greatest("0", $"CAST(round((julianday({now}) - julianday(first_reported_at)) * 86400000) AS BIGINT) / 3600000"))}
               ELSE 0 END
        + priority_boost
        """);
}

/// <summary>
/// Moves the age part of the stored priority on between writes (the triggers of migration 0009 set it
/// at each write; the other parts only change with a write, so recomputing them here finds them equal). Only open cases first reported within the last <see cref="CasePriority.MaxAgeHours"/>
/// hours (plus one, for the pass that was late) can still gain an hour, so a pass touches few rows; the
/// first pass after a start has no such bound, in case the desk was down for days.
/// </summary>
public sealed class PriorityRefresher(
    Db db, WriteGate gate, TimeProvider clock, JobLease lease, ILogger<PriorityRefresher> log, JobHeartbeats? heartbeats = null)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Window = TimeSpan.FromHours(CasePriority.MaxAgeHours + 1);
    private static readonly string OpenStatuses = string.Join(", ", CaseStatuses.Open.Select(s => $"'{s.Code()}'"));

    private DateTimeOffset? _lastPass;

    /// <summary>After each pass, with the number of cases whose priority changed.</summary>
    public event Action<int>? Refreshed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                if (await lease.HoldsAsync(nameof(PriorityRefresher), stoppingToken)) Refreshed?.Invoke(await RefreshAsync(stoppingToken));
                heartbeats?.Beat(nameof(PriorityRefresher), 3 * Interval);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a stale age part only lowers a few cases' rank for a while.
                log.LogError(e, "Refreshing case priorities failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass at the clock's time; answers how many cases changed.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var since = _lastPass is { } last ? last - Window : (DateTimeOffset?)null;
        // Times go through the same binding as every case write's, so since compares as stored text; a plain range term
        // (no "@since IS NULL OR") lets the planner read ix_cases_queue_age from since on.
        using var turn = await gate.EnterAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        // Spliced in: PrioritySql's constants, the open status codes and a fixed filter text; the times are bound.
        var changed = await connection.ExecuteAsync($"""
            UPDATE cases SET priority = {PrioritySql.Score(connection, "@now")}
            WHERE {(since is null ? "" : "first_reported_at > @since AND ")}status IN ({OpenStatuses})
              AND priority <> {PrioritySql.Score(connection, "@now")}
            """, new { now, since });
        _lastPass = now;
        return changed;
    }
}

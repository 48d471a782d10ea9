using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Cases;
using Triage.Client.Live;
using Triage.Client.Notifications;
using Triage.Client.Sla;
using Triage.Server.Audit;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Hosting;
using Triage.Server.Live;
using Triage.Server.Notifications;
using Triage.Server.Pipeline;

namespace Triage.Server.Sla;

/// <summary>
/// Finds cases past their pending due time and, for each, in one transaction: records the breach, raises the
/// case to the parent unit's Inbox (when the transition table allows it and there is a parent), notifies the
/// reviewers and coordinators of the unit that owns it afterwards, and appends the audit event. The scan is by due time against
/// what is already recorded (cases.sla_breach_due_at, sla_breaches' unique key), never "since the last pass",
/// so a restart neither repeats a breach nor skips one that fell due while the desk was down.
/// </summary>
/// <remarks>
/// The escalation takes the same SQL path as <see cref="EscalateCaseHandler"/> (<c>RaiseAsync</c>) rather than a
/// MediatR Send: the pipeline finds its actor through the web request or circuit, which a background job has
/// neither of, and the breach record, the move and the notifications must share one transaction anyway. The
/// audit event is appended in that transaction exactly as the transaction behaviour does, as the system.
/// </remarks>
public sealed class SlaWatcher(
    Db db, WriteGate gate, AuditTrail audit, SlaDues dues, TimeProvider clock, IOptions<SlaOptions> options,
    ILiveBus bus, JobLease lease, ILogger<SlaWatcher> log, JobHeartbeats? heartbeats = null) : BackgroundService
{
    public const string AuditAction = "SlaBreach";
    private const int Batch = 200;

    /// <summary>After each pass, with the number of breaches it recorded.</summary>
    public event Action<int>? Passed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.WatchInterval;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var recorded = await lease.HoldsAsync(nameof(SlaWatcher), stoppingToken) ? await PassAsync(stoppingToken) : (int?)null;
                heartbeats?.Beat(nameof(SlaWatcher), 3 * interval);
                if (recorded is { } count) Passed?.Invoke(count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing is lost: the next tick scans by due time again.
                log.LogError(e, "The SLA watcher's pass failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass at the clock's time; answers how many breaches it recorded.</summary>
    public async Task<int> PassAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        using (await gate.EnterAsync(ct))
        {
            // Writers outside the pipeline (a bulk import, a data fix) leave dues stale; compute them before judging.
            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginWriteAsync(ct);
            await dues.ApplyPendingAsync(connection, tx);
            await tx.CommitAsync(ct);
        }

        var recorded = 0;
        List<long> due;
        do
        {
            await using (var connection = await db.OpenAsync(ct))
            {
                due = (await connection.QueryAsync<long>("""
                    SELECT id FROM cases
                    WHERE sla_due_at IS NOT NULL AND sla_breach_due_at IS DISTINCT FROM sla_due_at AND sla_due_at <= @now
                    ORDER BY sla_due_at, id
                    LIMIT @Batch
                    """, new { now, Batch })).ToList();
            }
            var handled = 0;
            foreach (var caseId in due)
            {
                try
                {
                    if (await BreachAsync(caseId, now, ct)) recorded++;
                    handled++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Recording the SLA breach of case {CaseId} failed; the next pass tries again.", caseId);
                }
            }
            // A full batch handled without failures may have more behind it; a failing case waits for the next tick.
            if (handled < Batch) break;
        }
        while (due.Count == Batch);
        return recorded;
    }

    private async Task<bool> BreachAsync(long caseId, DateTimeOffset now, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginWriteAsync(ct);
        var work = new Work(connection, tx, Actor.System, now);
        var recorded = await SlaBreaches.RecordAsync(work, caseId);
        IReadOnlyList<LiveEvent> events = [];
        if (recorded)
        {
            await dues.ApplyPendingAsync(connection, tx);
            var data = JsonSerializer.Serialize(new { details = work.AuditDetails }, JsonSerializerOptions.Web);
            await audit.AppendAsync(connection, tx, new AuditEntry(null, "system", AuditAction, work.EntityType, work.EntityId, data));
            // Open queue pages at the unit the case rose to, and the bells of those told, hear of it as of any command.
            work.AnnounceCase(caseId);
            events = await CaseEvents.ResolveAsync(work);
        }
        // Committed either way: a breach found already recorded still needs its marker, or every pass would find it again.
        await tx.CommitAsync(ct);
        foreach (var liveEvent in events) bus.Publish(liveEvent);
        return recorded;
    }
}

/// <summary>What one breach changes, inside the caller's transaction.</summary>
public static class SlaBreaches
{
    /// <summary>False when the case is not (or no longer) past an unrecorded due time: nothing was written that matters.</summary>
    public static async Task<bool> RecordAsync(Work work, long caseId)
    {
        var c = await work.Connection.QuerySingleOrDefaultAsync<Row>("""
            SELECT c.status AS Status, c.version AS Version, c.title AS Title, c.sla_due_at AS DueAt,
                   c.sla_breach_due_at AS RecordedDueAt, c.owner_unit_id AS OwnerUnitId, o.parent_id AS ParentId
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
            WHERE c.id = @caseId
            """, new { caseId }, work.Transaction);
        if (c?.DueAt is not { } dueText || c.RecordedDueAt == dueText) return false;
        var dueAt = DapperSetup.Parse(dueText);
        if (dueAt > work.Now) return false;

        var status = CaseStatuses.Parse(c.Status);
        var kind = status is CaseStatus.New or CaseStatus.Escalated ? SlaKind.Triage : SlaKind.Response;
        // The marker first: whatever happens below, this due time is dealt with once.
        await work.Connection.ExecuteAsync("UPDATE cases SET sla_breach_due_at = sla_due_at WHERE id = @caseId", new { caseId }, work.Transaction);
        var breachId = await work.Connection.ExecuteScalarAsync<long?>("""
            INSERT INTO sla_breaches (case_id, kind, due_at, unit_id, recorded_at) VALUES (@caseId, @kind, @dueText, @OwnerUnitId, @Now)
            ON CONFLICT (case_id, kind, due_at) DO NOTHING
            RETURNING id
            """, new { caseId, kind = kind.Code(), dueText, c.OwnerUnitId, work.Now }, work.Transaction);
        if (breachId is null) return false;

        long? raisedTo = null;
        if (c.ParentId is { } parent && CaseTransitions.Allows(CaseAction.Escalation, new CaseFacts(status)))
        {
            var current = await CaseWrites.BeginAsync(work, new Escalation(caseId, c.Version), CaseAction.Escalation);
            await EscalateCaseHandler.RaiseAsync(work, current, parent);
            await work.Connection.ExecuteAsync("UPDATE sla_breaches SET escalated_to = @parent WHERE id = @breachId",
                new { parent, breachId }, work.Transaction);
            raisedTo = parent;
        }
        work.Subject("case", caseId);
        work.Detail("sla", kind.Code());
        work.Detail("dueAt", dueText);
        work.Detail("escalatedTo", raisedTo);

        var owner = raisedTo ?? c.OwnerUnitId;
        // The people who act on the case where it now is: the reviewers, and coordinators, of the nearest unit at or above
        // the owner that has any (a province with coordinators but no reviewers of its own still hears of its breaches).
        var recipients = await work.Connection.QueryAsync<long>("""
            WITH nearest AS (
                SELECT o.id FROM org_units o
                WHERE substr((SELECT path FROM org_units WHERE id = @owner), 1, length(o.path)) = o.path
                  AND EXISTS (SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role IN ('reviewer', 'coordinator')
                              WHERE u.unit_id = o.id AND u.disabled_at IS NULL)
                ORDER BY o.depth DESC LIMIT 1)
            SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role IN ('reviewer', 'coordinator')
            WHERE u.unit_id = (SELECT id FROM nearest) AND u.disabled_at IS NULL
            ORDER BY u.id
            """, new { owner }, work.Transaction);
        foreach (var recipient in recipients)
            await NotificationWrites.AddAsync(work, recipient, NotificationKind.Breach, caseId, c.Title);
        return true;
    }

    /// <summary>The watcher's escalation, based on the version it just read inside its own transaction.</summary>
    private sealed record Escalation(long CaseId, long? ExpectedVersion) : IVersionedCaseCommand;

    private sealed class Row
    {
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public string Title { get; init; } = "";
        public string? DueAt { get; init; }
        public string? RecordedDueAt { get; init; }
        public long OwnerUnitId { get; init; }
        public long? ParentId { get; init; }
    }
}

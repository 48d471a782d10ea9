using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Sla;
using Triage.Server.Sla;
using Triage.Tests.Support;

namespace Triage.Tests.Sla;

public static class SlaDesk
{
    public const string Coordinator = "coordinator@demo.local";

    public static Task<long> InboxOf(this TestDesk desk, string unit) => desk.Scalar<long>(
        "SELECT q.id FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE o.code = @unit AND q.is_inbox = TRUE", new { unit });

    public static async Task<SlaPolicy> Policy(this TestDesk desk, string unit, int triage, int response, int? severity = null, bool businessHours = false) =>
        await desk.SendAs(Coordinator, new SetSlaPolicy
        {
            QueueId = await desk.InboxOf(unit), Severity = severity, TriageMinutes = triage, ResponseMinutes = response, BusinessHours = businessHours,
        });

    public sealed record Clocks(string Status, string? Owner, DateTimeOffset? TriageDueAt, DateTimeOffset? ResponseDueAt, DateTimeOffset? DueAt);

    public static async Task<Clocks> ClocksOf(this TestDesk desk, long caseId)
    {
        await using var connection = await desk.Db.OpenAsync();
        return await connection.QuerySingleAsync<Clocks>("""
            SELECT c.status AS Status, o.code AS Owner, c.triage_due_at AS TriageDueAt, c.response_due_at AS ResponseDueAt, c.sla_due_at AS DueAt
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId
            """, new { caseId });
    }

    /// <summary>Computes the dues of cases written straight into the tables (as a command's transaction would).</summary>
    public static async Task ApplyDues(this TestDesk desk)
    {
        await using var connection = await desk.Db.OpenAsync();
        await using var tx = connection.BeginTransaction();
        await desk.Services.GetRequiredService<SlaDues>().ApplyPendingAsync(connection, tx);
        await tx.CommitAsync();
    }

    /// <summary>A watcher as the host would make it; a second one over the same desk is the desk after a restart.</summary>
    public static SlaWatcher Watcher(this TestDesk desk) => ActivatorUtilities.CreateInstance<SlaWatcher>(desk.Services);

    public static Task<long> Breaches(this TestDesk desk, long caseId) =>
        desk.Scalar<long>("SELECT count(*) FROM sla_breaches WHERE case_id = @caseId", new { caseId });

    public static async Task<List<string>> BreachNoticesFor(this TestDesk desk, long caseId)
    {
        await using var connection = await desk.Db.OpenAsync();
        return (await connection.QueryAsync<string>("""
            SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.case_id = @caseId AND n.kind = 'breach' ORDER BY u.email
            """, new { caseId })).ToList();
    }
}

using System.Data.Common;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Sla;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Sla;

public sealed class GetCaseSlaHandler(Db db, TimeProvider clock) : QueryHandler<GetCaseSla, CaseSla>(db)
{
    protected override async Task<CaseSla> Handle(GetCaseSla request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var c = await connection.QuerySingleOrDefaultAsync<(string Status, DateTimeOffset? StartedAt, DateTimeOffset? TriageDueAt, DateTimeOffset? ResponseDueAt, DateTimeOffset? DueAt)>("""
            SELECT status, sla_started_at, triage_due_at, response_due_at, sla_due_at FROM cases WHERE id = @CaseId
            """, new { request.CaseId }) is var row && row.Status is null ? throw new NotFoundException("Case") : row;
        var breaches = (await connection.QueryAsync<(string Kind, DateTimeOffset DueAt, DateTimeOffset RecordedAt, string Unit, string? To)>("""
            SELECT b.kind, b.due_at, b.recorded_at, u.name, t.name
            FROM sla_breaches b JOIN org_units u ON u.id = b.unit_id LEFT JOIN org_units t ON t.id = b.escalated_to
            WHERE b.case_id = @CaseId ORDER BY b.id
            """, new { request.CaseId })).Select(b => new SlaBreach(KindOf(b.Kind), b.DueAt, b.RecordedAt, b.Unit, b.To)).ToList();
        return new CaseSla(c.TriageDueAt, c.ResponseDueAt, Pending(c.Status, c.StartedAt, c.DueAt, clock.GetUtcNow()), breaches);
    }

    /// <summary>The due time a case waits for now; shared with the queue's rows.</summary>
    internal static SlaDue? Pending(string status, DateTimeOffset? startedAt, DateTimeOffset? dueAt, DateTimeOffset now) =>
        dueAt is { } due && startedAt is { } start
            ? new SlaDue(status is "new" or "escalated" ? SlaKind.Triage : SlaKind.Response, due, SlaClock.StateOf(start, due, now))
            : null;

    private static SlaKind KindOf(string code) => code == "triage" ? SlaKind.Triage : SlaKind.Response;
}

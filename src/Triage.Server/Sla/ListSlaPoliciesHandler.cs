using System.Data.Common;
using Dapper;
using Triage.Client.Sla;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Sla;

public sealed class ListSlaPoliciesHandler(Db db) : QueryHandler<ListSlaPolicies, IReadOnlyList<SlaPolicy>>(db)
{
    protected override async Task<IReadOnlyList<SlaPolicy>> Handle(ListSlaPolicies request, DbConnection connection, Actor actor, CancellationToken ct) =>
        await ReadAsync(connection, request.QueueId);

    internal static async Task<IReadOnlyList<SlaPolicy>> ReadAsync(DbConnection connection, long queueId, DbTransaction? tx = null, int? severity = null) =>
        (await connection.QueryAsync<(long QueueId, int Severity, int Triage, int Response, bool BusinessHours)>($"""
            SELECT queue_id, severity, triage_minutes, response_minutes, business_hours FROM sla_policies
            WHERE queue_id = @queueId{(severity is null ? "" : " AND severity = @severity")}
            ORDER BY severity
            """, new { queueId, severity }, tx))
        .Select(p => new SlaPolicy(p.QueueId, p.Severity == 0 ? null : p.Severity, p.Triage, p.Response, p.BusinessHours)).ToList();

    /// <summary>Open cases of the queue take the changed policy at once, from when they entered the queue.</summary>
    internal static Task MarkQueueAsync(Work work, long queueId) => work.Connection.ExecuteAsync("""
        UPDATE cases SET sla_stale = TRUE WHERE queue_id = @queueId AND status IN ('new', 'triaged', 'assigned', 'escalated')
        """, new { queueId }, work.Transaction);
}

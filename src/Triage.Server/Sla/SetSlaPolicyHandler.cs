using Dapper;
using Triage.Client.Sla;
using Triage.Server.Pipeline;

namespace Triage.Server.Sla;

public sealed class SetSlaPolicyHandler : CommandHandler<SetSlaPolicy, SlaPolicy>
{
    protected override async Task<SlaPolicy> Handle(SetSlaPolicy request, Work work, CancellationToken ct)
    {
        var severity = request.Severity ?? 0;
        await work.Connection.ExecuteAsync("""
            INSERT INTO sla_policies (queue_id, severity, triage_minutes, response_minutes, business_hours, updated_at)
            VALUES (@QueueId, @severity, @TriageMinutes, @ResponseMinutes, @BusinessHours, @Now)
            ON CONFLICT (queue_id, severity) DO UPDATE SET triage_minutes = excluded.triage_minutes,
                response_minutes = excluded.response_minutes, business_hours = excluded.business_hours, updated_at = excluded.updated_at
            """, new { request.QueueId, severity, request.TriageMinutes, request.ResponseMinutes, request.BusinessHours, work.Now }, work.Transaction);
        await ListSlaPoliciesHandler.MarkQueueAsync(work, request.QueueId);
        work.Subject("queue", request.QueueId);
        return (await ListSlaPoliciesHandler.ReadAsync(work.Connection, request.QueueId, work.Transaction, severity))[0];
    }
}

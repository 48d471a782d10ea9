using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Sla;
using Triage.Server.Pipeline;

namespace Triage.Server.Sla;

public sealed class DeleteSlaPolicyHandler : CommandHandler<DeleteSlaPolicy, bool>
{
    protected override async Task<bool> Handle(DeleteSlaPolicy request, Work work, CancellationToken ct)
    {
        var deleted = await work.Connection.ExecuteAsync("DELETE FROM sla_policies WHERE queue_id = @QueueId AND severity = @severity",
            new { request.QueueId, severity = request.Severity ?? 0 }, work.Transaction);
        if (deleted == 0) throw new NotFoundException("SLA policy");
        await ListSlaPoliciesHandler.MarkQueueAsync(work, request.QueueId);
        work.Subject("queue", request.QueueId);
        return true;
    }
}

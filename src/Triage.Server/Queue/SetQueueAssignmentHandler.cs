using Dapper;
using Triage.Client.Queue;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

/// <summary>
/// The round-robin pointer is kept across a change of strategy: switching back and forth does not
/// hand the next case to whoever has the lowest id again.
/// </summary>
public sealed class SetQueueAssignmentHandler : CommandHandler<SetQueueAssignment, QueueInfo>
{
    protected override async Task<QueueInfo> Handle(SetQueueAssignment request, Work work, CancellationToken ct)
    {
        await work.Connection.ExecuteAsync("UPDATE queues SET assignment_strategy = @strategy, assignment_cap = @Cap WHERE id = @QueueId",
            new { strategy = QueueStrategies.Code(request.Strategy), request.Cap, request.QueueId }, work.Transaction);
        work.Subject("queue", request.QueueId);
        return (await ListQueuesHandler.ReadAsync(work.Connection, "q.id = @QueueId", new { request.QueueId }, work.Transaction))[0];
    }
}

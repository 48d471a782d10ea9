using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

/// <summary>An Inbox keeps its name: intake and the escalation rules find each unit's Inbox by its flag, people by its name.</summary>
public sealed class UpdateQueueHandler(IStringLocalizer<Strings> localizer) : CommandHandler<UpdateQueue, QueueInfo>
{
    protected override async Task<QueueInfo> Handle(UpdateQueue request, Work work, CancellationToken ct)
    {
        var name = request.Name.Trim();
        var queue = await work.Connection.QuerySingleAsync<(long UnitId, string Name, bool IsInbox)>(
            "SELECT unit_id, name, is_inbox FROM queues WHERE id = @QueueId", new { request.QueueId }, work.Transaction);
        if (queue.IsInbox && name != queue.Name)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["name"] = [localizer[QueueSetupRules.InboxKeepsName]] });
        if (await CreateQueueHandler.NameTakenAsync(work, queue.UnitId, name, request.QueueId))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["name"] = [localizer[QueueSetupRules.NameTaken]] });

        await work.Connection.ExecuteAsync("""
            UPDATE queues SET name = @name, default_order = @order, assignment_strategy = @strategy, assignment_cap = @Cap,
                              requires_approval = @RequiresApproval
            WHERE id = @QueueId
            """, new { name, order = QueueOrders.Code(request.Order), strategy = QueueStrategies.Code(request.Strategy), request.Cap, request.RequiresApproval, request.QueueId },
            work.Transaction);
        work.Subject("queue", request.QueueId);
        return (await ListQueuesHandler.ReadAsync(work.Connection, "q.id = @QueueId", new { request.QueueId }, work.Transaction))[0];
    }
}

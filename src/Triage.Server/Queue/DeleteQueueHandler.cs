using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

/// <summary>
/// Any case at all keeps a queue, closed ones too: cases point at their queue for good, and a closed case
/// may be reopened into it. A rule still sending cases here keeps it as well.
/// </summary>
public sealed class DeleteQueueHandler : CommandHandler<DeleteQueue, bool>
{
    protected override async Task<bool> Handle(DeleteQueue request, Work work, CancellationToken ct)
    {
        var queue = await work.Connection.QuerySingleAsync<(bool IsInbox, long Cases, long Rules)>("""
            SELECT is_inbox, (SELECT count(*) FROM cases WHERE queue_id = q.id), (SELECT count(*) FROM routing_rules WHERE target_queue_id = q.id)
            FROM queues q WHERE q.id = @QueueId
            """, new { request.QueueId }, work.Transaction);
        if (queue.IsInbox) throw new ConflictException(QueueSetupRules.InboxStays, "A unit's Inbox cannot be deleted.");
        if (queue.Cases > 0)
            throw new ConflictException(QueueSetupRules.QueueNotEmpty, $"The queue still holds {queue.Cases} case(s); move them first, or they would be lost.");
        if (queue.Rules > 0)
            throw new ConflictException(QueueSetupRules.QueueHasRules, $"{queue.Rules} routing rule(s) still send cases to this queue.");
        await work.Connection.ExecuteAsync("DELETE FROM queues WHERE id = @QueueId", new { request.QueueId }, work.Transaction);
        work.Subject("queue", request.QueueId);
        return true;
    }
}

using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

public sealed class CreateQueueHandler(IStringLocalizer<Strings> localizer) : CommandHandler<CreateQueue, QueueInfo>
{
    protected override async Task<QueueInfo> Handle(CreateQueue request, Work work, CancellationToken ct)
    {
        var name = request.Name.Trim();
        if (await NameTakenAsync(work, request.UnitId, name, null))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["name"] = [localizer[QueueSetupRules.NameTaken]] });
        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO queues (unit_id, name, is_inbox, created_at, assignment_strategy, assignment_cap, default_order, requires_approval)
            VALUES (@UnitId, @name, FALSE, @Now, @strategy, @Cap, @order, @RequiresApproval)
            RETURNING id
            """, new { request.UnitId, name, work.Now, strategy = QueueStrategies.Code(request.Strategy), request.Cap, order = QueueOrders.Code(request.Order),
                request.RequiresApproval },
            work.Transaction);
        work.Subject("queue", id);
        return (await ListQueuesHandler.ReadAsync(work.Connection, "q.id = @id", new { id }, work.Transaction))[0];
    }

    /// <summary>Names differ by more than case: "Y tế" and "y tế" in one unit would confuse reviewers.</summary>
    internal static Task<bool> NameTakenAsync(Work work, long unitId, string name, long? exceptQueueId) => work.Connection.ExecuteScalarAsync<bool>(
        "SELECT EXISTS (SELECT 1 FROM queues WHERE unit_id = @unitId AND lower(name) = lower(@name) AND id IS DISTINCT FROM @exceptQueueId)",
        new { unitId, name, exceptQueueId }, work.Transaction);
}

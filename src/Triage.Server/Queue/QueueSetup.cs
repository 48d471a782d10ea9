using Triage.Client.Queue;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.Queue;

/// <summary>A coordinator sets up the queues of their own subtree; any other unit or queue does not exist for them (404).</summary>
public sealed class QueueSetupScope(UnitScope units) :
    IScopeRule<CreateQueue>, IScopeRule<UpdateQueue>, IScopeRule<DeleteQueue>, IScopeRule<SetQueueAssignment>
{
    public Task<bool> InScopeAsync(CreateQueue request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);

    public Task<bool> InScopeAsync(UpdateQueue request, Actor actor, CancellationToken ct) => units.CoversQueueAsync(actor, request.QueueId, ct);

    public Task<bool> InScopeAsync(DeleteQueue request, Actor actor, CancellationToken ct) => units.CoversQueueAsync(actor, request.QueueId, ct);

    public Task<bool> InScopeAsync(SetQueueAssignment request, Actor actor, CancellationToken ct) => units.CoversQueueAsync(actor, request.QueueId, ct);
}

/// <summary>The database spells orders as the API does: <c>priority</c>, <c>age</c>, <c>reports</c>, <c>sla</c>.</summary>
public static class QueueOrders
{
    public static string Code(QueueOrder order) => order.ToString().ToLowerInvariant();

    public static QueueOrder Parse(string code) => Enum.GetValues<QueueOrder>().Single(o => Code(o) == code);
}

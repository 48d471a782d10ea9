using Triage.Client.Cases;
using Triage.Server.Units;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// A queue names at most a unit and a queue; both must lie in the caller's subtree. One outside it, or
/// none at all, answers 404 like any other thing out of scope, so a filter cannot probe other units.
/// </summary>
public sealed class ListCasesScope(UnitScope units) : IScopeRule<ListCases>
{
    public async Task<bool> InScopeAsync(ListCases request, Actor actor, CancellationToken ct) =>
        (request.UnitId is not { } unitId || await units.CoversAsync(actor, unitId, ct))
        && (request.QueueId is not { } queueId || await units.CoversQueueAsync(actor, queueId, ct));
}

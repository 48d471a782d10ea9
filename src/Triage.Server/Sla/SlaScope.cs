using Dapper;
using Triage.Client.Cases;
using Triage.Client.Sla;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Sla;

/// <summary>
/// Policies belong to queues: a coordinator of the queue's unit or above sets them, anyone else finds no such
/// queue (404). A case's due times are readable by whoever may read the case; a unit's load by a coordinator
/// of that unit or above.
/// </summary>
public sealed class SlaScopeRules(Db db, Units.UnitScope units) :
    IScopeRule<ListSlaPolicies>, IScopeRule<SetSlaPolicy>, IScopeRule<DeleteSlaPolicy>, IScopeRule<GetCaseSla>, IScopeRule<GetUnitLoad>
{
    public Task<bool> InScopeAsync(ListSlaPolicies request, Actor actor, CancellationToken ct) => units.CoversQueueAsync(actor, request.QueueId, ct);

    public Task<bool> InScopeAsync(SetSlaPolicy request, Actor actor, CancellationToken ct) => units.CoversQueueAsync(actor, request.QueueId, ct);

    public Task<bool> InScopeAsync(DeleteSlaPolicy request, Actor actor, CancellationToken ct) => units.CoversQueueAsync(actor, request.QueueId, ct);

    public Task<bool> InScopeAsync(GetCaseSla request, Actor actor, CancellationToken ct) =>
        new CaseScopeRules(db).InScopeAsync(new GetCase(request.CaseId), actor, ct);

    public async Task<bool> InScopeAsync(GetUnitLoad request, Actor actor, CancellationToken ct)
    {
        if (request.UnitId is not { } unitId) return true;
        await using var connection = await db.OpenAsync(ct);
        return await Units.UnitScope.CoversAsync(connection, actor, unitId);
    }
}

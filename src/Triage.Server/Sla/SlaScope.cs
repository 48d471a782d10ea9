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
public sealed class SlaScopeRules(Db db) :
    IScopeRule<ListSlaPolicies>, IScopeRule<SetSlaPolicy>, IScopeRule<DeleteSlaPolicy>, IScopeRule<GetCaseSla>, IScopeRule<GetUnitLoad>
{
    public Task<bool> InScopeAsync(ListSlaPolicies request, Actor actor, CancellationToken ct) => QueueAsync(request.QueueId, actor, ct);

    public Task<bool> InScopeAsync(SetSlaPolicy request, Actor actor, CancellationToken ct) => QueueAsync(request.QueueId, actor, ct);

    public Task<bool> InScopeAsync(DeleteSlaPolicy request, Actor actor, CancellationToken ct) => QueueAsync(request.QueueId, actor, ct);

    public Task<bool> InScopeAsync(GetCaseSla request, Actor actor, CancellationToken ct) =>
        new CaseScopeRules(db).InScopeAsync(new GetCase(request.CaseId), actor, ct);

    public async Task<bool> InScopeAsync(GetUnitLoad request, Actor actor, CancellationToken ct)
    {
        if (request.UnitId is not { } unitId) return true;
        await using var connection = await db.OpenAsync(ct);
        return await Units.UnitScope.CoversAsync(connection, actor, unitId);
    }

    private async Task<bool> QueueAsync(long queueId, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var path = await connection.ExecuteScalarAsync<string?>(
            "SELECT o.path FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE q.id = @queueId", new { queueId });
        return path is not null && actor.Covers(path);
    }
}

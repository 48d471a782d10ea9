using Dapper;
using Triage.Client.Routing;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.Routing;

/// <summary>
/// A coordinator sees and edits the rules of their own subtree only; any other rule or unit does not
/// exist for them (404). Saving needs both the rule as stored and the unit it is saved to in scope.
/// </summary>
public sealed class RoutingScope(Db db, UnitScope units) :
    IScopeRule<ListRoutingRules>, IScopeRule<SaveRoutingRule>, IScopeRule<DeleteRoutingRule>, IScopeRule<MoveRoutingRule>,
    IScopeRule<PreviewRoutingRule>
{
    public Task<bool> InScopeAsync(ListRoutingRules request, Actor actor, CancellationToken ct) => Unit(actor, request.UnitId, ct);

    public async Task<bool> InScopeAsync(SaveRoutingRule request, Actor actor, CancellationToken ct) =>
        await Unit(actor, request.UnitId, ct) && (request.Id is not { } id || await Rule(actor, id, ct));

    public Task<bool> InScopeAsync(DeleteRoutingRule request, Actor actor, CancellationToken ct) => Rule(actor, request.RuleId, ct);

    public Task<bool> InScopeAsync(MoveRoutingRule request, Actor actor, CancellationToken ct) => Rule(actor, request.RuleId, ct);

    public Task<bool> InScopeAsync(PreviewRoutingRule request, Actor actor, CancellationToken ct) => Unit(actor, request.UnitId, ct);

    /// <summary>A unit that does not exist is out of scope too: it is the thing the request is about.</summary>
    private Task<bool> Unit(Actor actor, long unitId, CancellationToken ct) => units.CoversAsync(actor, unitId, ct);

    private async Task<bool> Rule(Actor actor, long ruleId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var path = await connection.ExecuteScalarAsync<string?>(
            "SELECT o.path FROM routing_rules r JOIN org_units o ON o.id = r.unit_id WHERE r.id = @ruleId", new { ruleId });
        return path is not null && actor.Covers(path);
    }
}

using Dapper;
using Triage.Client.Routing;
using Triage.Server.Pipeline;

namespace Triage.Server.Routing;

/// <summary>A position past the last puts the rule last.</summary>
public sealed class MoveRoutingRuleHandler : CommandHandler<MoveRoutingRule, IReadOnlyList<RoutingRule>>
{
    protected override async Task<IReadOnlyList<RoutingRule>> Handle(MoveRoutingRule request, Work work, CancellationToken ct)
    {
        var unitId = await work.Connection.ExecuteScalarAsync<long>("SELECT unit_id FROM routing_rules WHERE id = @RuleId", new { request.RuleId }, work.Transaction);
        await RulePositions.CloseGapsAsync(work, unitId);
        var order = (await work.Connection.QueryAsync<long>(
            "SELECT id FROM routing_rules WHERE unit_id = @unitId ORDER BY position, id", new { unitId }, work.Transaction)).ToList();
        order.Remove(request.RuleId);
        order.Insert(Math.Min(request.Position, order.Count + 1) - 1, request.RuleId);
        await work.Connection.ExecuteAsync("UPDATE routing_rules SET position = @position WHERE id = @id",
            order.Select((id, i) => new { id, position = i + 1 }), work.Transaction);
        work.Subject("routing_rule", request.RuleId);
        work.Detail("position", request.Position);
        return await ListRoutingRulesHandler.ReadAsync(work.Connection, work.Transaction, "r.unit_id = @unitId", new { unitId });
    }
}

using Dapper;
using Triage.Client.Routing;
using Triage.Server.Pipeline;

namespace Triage.Server.Routing;

public sealed class DeleteRoutingRuleHandler : CommandHandler<DeleteRoutingRule, bool>
{
    protected override async Task<bool> Handle(DeleteRoutingRule request, Work work, CancellationToken ct)
    {
        var unitId = await work.Connection.ExecuteScalarAsync<long>(
            "DELETE FROM routing_rules WHERE id = @RuleId RETURNING unit_id", new { request.RuleId }, work.Transaction);
        await RulePositions.CloseGapsAsync(work, unitId);
        work.Subject("routing_rule", request.RuleId);
        return true;
    }
}

using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Resources;
using Triage.Client.Routing;
using Triage.Server.Pipeline;
using Triage.Server.Queue;

namespace Triage.Server.Routing;

/// <summary>Stores a rule as checked; a new rule, or one moved to another unit, is tried last among its unit's rules.</summary>
public sealed class SaveRoutingRuleHandler(IStringLocalizer<Strings> localizer) : CommandHandler<SaveRoutingRule, RoutingRule>
{
    protected override async Task<RoutingRule> Handle(SaveRoutingRule request, Work work, CancellationToken ct)
    {
        var clean = await CleanRule.CheckAsync(request, work.Connection, work.Transaction, localizer, queueRequired: true);
        var args = new DynamicParameters(new
        {
            request.Id, request.UnitId, name = request.Name.Trim(), request.Enabled,
            platforms = Json(clean.Platforms), categories = Json(clean.Categories), verdicts = Json(clean.Verdicts), severities = Json(clean.Severities),
            request.MinSeverity, keywords = Json(clean.Keywords), keywordsFolded = Json(clean.FoldedKeywords), request.WithinUnitId, request.MinReports,
            request.TargetQueueId, request.PriorityBoost,
            strategy = request.Strategy is { } s ? QueueStrategies.Code(s) : null, work.Now,
        });
        long id;
        if (request.Id is null)
        {
            id = await work.Connection.ExecuteScalarAsync<long>($"""
                INSERT INTO routing_rules (unit_id, name, enabled, position, platforms, categories, verdicts, severities, min_severity, keywords,
                                           keywords_folded, within_unit_id, min_reports, target_queue_id, priority_boost, assignment_strategy,
                                           created_at, updated_at)
                VALUES (@UnitId, @name, @Enabled, {NextPosition}, @platforms, @categories, @verdicts, @severities, @MinSeverity, @keywords,
                        @keywordsFolded, @WithinUnitId, @MinReports, @TargetQueueId, @PriorityBoost, @strategy, @Now, @Now)
                RETURNING id
                """, args, work.Transaction);
        }
        else
        {
            id = request.Id.Value;
            var oldUnit = await work.Connection.ExecuteScalarAsync<long>("SELECT unit_id FROM routing_rules WHERE id = @Id", new { request.Id }, work.Transaction);
            // Only the constant NextPosition is spliced in; every value is bound.
            await work.Connection.ExecuteAsync($"""
                UPDATE routing_rules
                SET position = CASE WHEN unit_id = @UnitId THEN position ELSE {NextPosition} END,
                    unit_id = @UnitId, name = @name, enabled = @Enabled, platforms = @platforms, categories = @categories, verdicts = @verdicts,
                    severities = @severities, min_severity = @MinSeverity, keywords = @keywords, keywords_folded = @keywordsFolded,
                    within_unit_id = @WithinUnitId, min_reports = @MinReports, target_queue_id = @TargetQueueId, priority_boost = @PriorityBoost,
                    assignment_strategy = @strategy, updated_at = @Now
                WHERE id = @Id
                """, args, work.Transaction);
            if (oldUnit != request.UnitId) await RulePositions.CloseGapsAsync(work, oldUnit);
        }
        work.Subject("routing_rule", id);
        return (await ListRoutingRulesHandler.ReadAsync(work.Connection, work.Transaction, "r.id = @id", new { id }))[0];
    }

    // A constant subquery spliced into both statements; the unit it reads is still bound as @UnitId.
    private const string NextPosition = "(SELECT coalesce(max(position), 0) + 1 FROM routing_rules WHERE unit_id = @UnitId)";

    private static string? Json<T>(IReadOnlyList<T>? values) => values is null ? null : JsonSerializer.Serialize(values);
}

public static class RulePositions
{
    /// <summary>Numbers a unit's rules 1, 2, 3 … in their current order.</summary>
    public static Task CloseGapsAsync(Work work, long unitId) => work.Connection.ExecuteAsync("""
        UPDATE routing_rules SET position = (
            SELECT count(*) FROM routing_rules p
            WHERE p.unit_id = routing_rules.unit_id AND (p.position < routing_rules.position OR (p.position = routing_rules.position AND p.id <= routing_rules.id)))
        WHERE unit_id = @unitId
        """, new { unitId }, work.Transaction);
}

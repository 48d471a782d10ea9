using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Resources;
using Triage.Client.Routing;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Routing;

/// <summary>
/// Judges the draft by the evaluator routing uses, over the newest cases owned in the rule's unit subtree
/// (merged ones excluded: they are gone). A target queue, when given, must be one the rule could use,
/// and then a case off that queue's line does not match, as when the rule is applied.
/// </summary>
public sealed class PreviewRoutingRuleHandler(Db db, IStringLocalizer<Strings> localizer) : QueryHandler<PreviewRoutingRule, RulePreview>(db)
{
    protected override async Task<RulePreview> Handle(PreviewRoutingRule request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var clean = await CleanRule.CheckAsync(request, connection, null, localizer, queueRequired: false);
        var unit = await connection.QuerySingleAsync<(string Path, long Id)>("SELECT path, id FROM org_units WHERE id = @UnitId", new { request.UnitId });
        var within = request.WithinUnitId is { } w
            ? await connection.ExecuteScalarAsync<string>("SELECT path FROM org_units WHERE id = @w", new { w })
            : null;
        var target = request.TargetQueueId is { } q
            ? await connection.QuerySingleAsync<(long UnitId, string Path, string Name)>(
                "SELECT o.id, o.path, x.name FROM queues x JOIN org_units o ON o.id = x.unit_id WHERE x.id = @q", new { q })
            : ((long UnitId, string Path, string Name)?)null;
        var rule = new LoadedRule(0, "", unit.Id, unit.Path, 0,
            clean.Platforms?.ToHashSet(), clean.Categories?.ToHashSet(), clean.Verdicts?.ToHashSet(), clean.Severities?.ToHashSet(),
            request.MinSeverity, clean.FoldedKeywords, within, request.MinReports,
            request.TargetQueueId ?? 0, target?.Name ?? "", target?.UnitId ?? unit.Id, target?.Path ?? unit.Path, request.PriorityBoost, request.Strategy);

        var rows = (await connection.QueryAsync<PreviewRow>($"""
            SELECT c.id AS Id, c.owner_unit_id AS OwnerUnitId, o.path AS OwnerPath, c.platform AS Platform, c.category AS Category,
                   c.verdict AS Verdict, c.severity AS Severity, c.report_count AS ReportCount, s.title AS Title, s.body AS Body,
                   c.title AS CaseTitle, c.status AS Status, q.name AS QueueName
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id JOIN queues q ON q.id = c.queue_id
            LEFT JOIN case_search s ON s.rowid = c.id
            WHERE substr(o.path, 1, length(@Path)) = @Path AND c.status <> 'merged'
            ORDER BY c.id DESC
            LIMIT {PreviewRoutingRule.Window}
            """, new { unit.Path })).ToList();

        var matches = rows.Where(r => RuleEvaluator.FirstMatch([rule], r.ToFacts()) is not null)
            .Select(r => new PreviewMatch(r.Id, r.CaseTitle, CaseStatuses.Parse(r.Status), r.QueueName))
            .ToList();
        return new RulePreview(rows.Count, matches);
    }

    /// <summary>The facts a rule judges, plus what the preview lists.</summary>
    private sealed class PreviewRow : CaseRouting.FactRow
    {
        public string CaseTitle { get; init; } = "";
        public string Status { get; init; } = "";
        public string QueueName { get; init; } = "";
    }
}

using System.Data.Common;
using System.Text.Json;
using Dapper;
using Triage.Client.Queue;
using Triage.Client.Routing;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Queue;

namespace Triage.Server.Routing;

public sealed class ListRoutingRulesHandler(Db db) : QueryHandler<ListRoutingRules, IReadOnlyList<RoutingRule>>(db)
{
    protected override Task<IReadOnlyList<RoutingRule>> Handle(ListRoutingRules request, DbConnection connection, Actor actor, CancellationToken ct) =>
        ReadAsync(connection, null, "r.unit_id = @UnitId", new { request.UnitId });

    /// <param name="where">A constant condition on the rule <c>r</c>; values travel in <paramref name="args"/>.</param>
    public static async Task<IReadOnlyList<RoutingRule>> ReadAsync(DbConnection connection, DbTransaction? tx, string where, object args)
    {
        var rows = await connection.QueryAsync<Row>($"""
            SELECT r.id AS Id, r.name AS Name, r.enabled AS Enabled, r.position AS Position,
                   o.id AS UnitId, o.code AS UnitCode, o.name AS UnitName,
                   r.platforms AS Platforms, r.categories AS Categories, r.verdicts AS Verdicts, r.severities AS Severities,
                   r.min_severity AS MinSeverity, r.keywords AS Keywords, r.min_reports AS MinReports,
                   w.id AS WithinId, w.code AS WithinCode, w.name AS WithinName,
                   q.id AS QueueId, q.name AS QueueName, t.id AS QueueUnitId, t.code AS QueueUnitCode, t.name AS QueueUnitName,
                   r.priority_boost AS PriorityBoost, r.assignment_strategy AS Strategy
            FROM routing_rules r
            JOIN org_units o ON o.id = r.unit_id
            JOIN queues q ON q.id = r.target_queue_id
            JOIN org_units t ON t.id = q.unit_id
            LEFT JOIN org_units w ON w.id = r.within_unit_id
            WHERE {where}
            ORDER BY o.depth, r.unit_id, r.position, r.id
            """, args, tx);
        return rows.Select(r => r.ToRule()).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public bool Enabled { get; init; }
        public int Position { get; init; }
        public long UnitId { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public string? Platforms { get; init; }
        public string? Categories { get; init; }
        public string? Verdicts { get; init; }
        public string? Severities { get; init; }
        public int? MinSeverity { get; init; }
        public string? Keywords { get; init; }
        public int? MinReports { get; init; }
        public long? WithinId { get; init; }
        public string? WithinCode { get; init; }
        public string? WithinName { get; init; }
        public long QueueId { get; init; }
        public string QueueName { get; init; } = "";
        public long QueueUnitId { get; init; }
        public string QueueUnitCode { get; init; } = "";
        public string QueueUnitName { get; init; } = "";
        public int PriorityBoost { get; init; }
        public string? Strategy { get; init; }

        public RoutingRule ToRule() => new(Id, new UnitRef(UnitId, UnitCode, UnitName), Name, Enabled, Position,
            new RuleConditions(List<string>(Platforms), List<string>(Categories), List<string>(Verdicts), List<int>(Severities), MinSeverity,
                List<string>(Keywords), WithinId is { } w ? new UnitRef(w, WithinCode!, WithinName!) : null, MinReports),
            new QueueRef(QueueId, QueueName, new UnitRef(QueueUnitId, QueueUnitCode, QueueUnitName)), PriorityBoost,
            Strategy is null ? null : QueueStrategies.Parse(Strategy));

        private static List<T> List<T>(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<T>>(json) ?? [];
    }
}

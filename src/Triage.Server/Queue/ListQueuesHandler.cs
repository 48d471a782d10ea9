using System.Data.Common;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Queue;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

/// <summary>Parents before children, each unit's Inbox before its other queues.</summary>
public sealed class ListQueuesHandler(Db db) : QueryHandler<ListQueues, IReadOnlyList<QueueInfo>>(db)
{
    private static readonly string[] Open = CaseStatuses.Open.Select(s => s.Code()).ToArray();

    protected override async Task<IReadOnlyList<QueueInfo>> Handle(ListQueues request, DbConnection connection, Actor actor, CancellationToken ct) =>
        await ReadAsync(connection, "substr(o.path, 1, length(@UnitPath)) = @UnitPath", new { actor.UnitPath });

    /// <param name="where">A constant condition on the queue <c>q</c> and its unit <c>o</c>; values travel in <paramref name="args"/>.</param>
    public static async Task<IReadOnlyList<QueueInfo>> ReadAsync(DbConnection connection, string where, object args, DbTransaction? tx = null)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("open", Open);
        var rows = await connection.QueryAsync<Row>($"""
            SELECT q.id AS Id, q.name AS Name, q.is_inbox AS IsInbox, q.assignment_strategy AS Strategy, q.assignment_cap AS Cap, q.default_order AS DefaultOrder,
                   q.requires_approval AS RequiresApproval,
                   o.id AS UnitId, o.code AS UnitCode, o.name AS UnitName,
                   (SELECT count(*) FROM cases c WHERE c.queue_id = q.id AND c.status {connection.InList("@open")}) AS OpenCases
            FROM queues q JOIN org_units o ON o.id = q.unit_id
            WHERE {where}
            ORDER BY o.depth, o.name, q.is_inbox DESC, q.name
            """, parameters, tx);
        return rows.Select(r => new QueueInfo(r.Id, r.Name, new UnitRef(r.UnitId, r.UnitCode, r.UnitName), r.IsInbox,
            QueueStrategies.Parse(r.Strategy), r.Cap, r.OpenCases, QueueOrders.Parse(r.DefaultOrder), r.RequiresApproval)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public bool IsInbox { get; init; }
        public string Strategy { get; init; } = "";
        public int? Cap { get; init; }
        public string DefaultOrder { get; init; } = "priority";
        public bool RequiresApproval { get; init; }
        public long UnitId { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public int OpenCases { get; init; }
    }
}

using System.Data.Common;
using Dapper;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Units;

public sealed class ListUnitsHandler(Db db) : QueryHandler<ListUnits, IReadOnlyList<UnitNode>>(db)
{
    protected override async Task<IReadOnlyList<UnitNode>> Handle(ListUnits request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        // Ordering by path would sort '/10/' before '/2/'; depth then name keeps parents first and siblings readable.
        var rows = await connection.QueryAsync<UnitNode>("""
            SELECT o.id AS Id, o.parent_id AS ParentId, o.code AS Code, o.name AS Name, o.depth AS Depth,
                   (SELECT count(*) FROM users u WHERE u.unit_id = o.id) AS UserCount
            FROM org_units o
            WHERE substr(o.path, 1, length(@UnitPath)) = @UnitPath
            ORDER BY o.depth, o.name
            """, new { actor.UnitPath });
        return rows.AsList();
    }
}

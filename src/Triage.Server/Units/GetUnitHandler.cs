using System.Data.Common;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Units;

public sealed class GetUnitHandler(Db db) : QueryHandler<GetUnit, UnitDetail>(db)
{
    protected override async Task<UnitDetail> Handle(GetUnit request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var unit = await connection.QuerySingleOrDefaultAsync<UnitRow>("""
            SELECT o.id AS Id, o.code AS Code, o.name AS Name, o.parent_id AS ParentId,
                   (SELECT count(*) FROM users u WHERE u.unit_id = o.id) AS UserCount
            FROM org_units o WHERE o.id = @Id
            """, new { request.Id }) ?? throw new NotFoundException("Unit");
        var parent = unit.ParentId is null ? null : await connection.QuerySingleOrDefaultAsync<UnitRef>(
            "SELECT id AS Id, code AS Code, name AS Name FROM org_units WHERE id = @ParentId", new { unit.ParentId });
        var children = await connection.QueryAsync<UnitRef>(
            "SELECT id AS Id, code AS Code, name AS Name FROM org_units WHERE parent_id = @Id ORDER BY name", new { request.Id });
        return new UnitDetail(unit.Id, unit.Code, unit.Name, parent, children.AsList(), unit.UserCount);
    }

    private sealed class UnitRow
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public long? ParentId { get; init; }
        public long UserCount { get; init; }
    }
}

public sealed class GetUnitScope(UnitScope units) : IScopeRule<GetUnit>
{
    public Task<bool> InScopeAsync(GetUnit request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.Id, ct);
}

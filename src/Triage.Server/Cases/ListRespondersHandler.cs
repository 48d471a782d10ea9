using System.Data.Common;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>Offers exactly the responders AssignCase would accept, so a pick from this list is never a field error.</summary>
public sealed class ListRespondersHandler(Db db) : QueryHandler<ListResponders, IReadOnlyList<Responder>>(db)
{
    protected override async Task<IReadOnlyList<Responder>> Handle(ListResponders request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var ownerPath = await connection.ExecuteScalarAsync<string>(
            "SELECT o.path FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @CaseId", new { request.CaseId })
            ?? throw new NotFoundException("Case");
        // Below the owner: the path starts with the owner's; above it: the owner's path starts with theirs.
        var rows = await connection.QueryAsync<Row>("""
            SELECT u.id AS Id, u.email AS Email, u.name AS Name, o.id AS UnitId, o.code AS UnitCode, o.name AS UnitName,
                   (SELECT count(*) FROM cases a WHERE a.assignee_user_id = u.id AND a.status = 'assigned') AS OpenCases
            FROM users u JOIN org_units o ON o.id = u.unit_id
            WHERE u.disabled_at IS NULL
              AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'responder')
              AND (substr(o.path, 1, length(@ownerPath)) = @ownerPath OR substr(@ownerPath, 1, length(o.path)) = o.path)
            ORDER BY OpenCases, u.name, u.id
            """, new { ownerPath });
        return rows.Select(r => new Responder(r.Id, r.Email, r.Name, new UnitRef(r.UnitId, r.UnitCode, r.UnitName), r.OpenCases)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public long UnitId { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public int OpenCases { get; init; }
    }
}

/// <summary>Same reach as AssignCase: unreadable is 404, readable but owned beyond the caller's subtree is 403.</summary>
public sealed class ListRespondersScope(Db db) : IScopeRule<ListResponders>
{
    public async Task<bool> InScopeAsync(ListResponders request, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var parameters = new DynamicParameters(CaseAccess.Parameters(actor));
        parameters.Add("CaseId", request.CaseId);
        var ownerPath = await connection.ExecuteScalarAsync<string?>($"""
            SELECT o.path FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @CaseId AND {CaseAccess.ReadableSql}
            """, parameters);
        if (ownerPath is null) return false;
        return actor.Covers(ownerPath) ? true : throw new ForbiddenException();
    }
}

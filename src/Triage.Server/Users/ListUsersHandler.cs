using System.Data.Common;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Client.Users;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Users;

public sealed class ListUsersHandler(Db db) : QueryHandler<ListUsers, UserPage>(db)
{
    public const int MaxLimit = 200;

    protected override async Task<UserPage> Handle(ListUsers request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var limit = Math.Clamp(request.Limit, 1, MaxLimit);
        var unitPath = request.UnitId is { } unitId
            ? await connection.ExecuteScalarAsync<string>("SELECT path FROM org_units WHERE id = @unitId", new { unitId })
            : actor.UnitPath;
        var search = string.IsNullOrWhiteSpace(request.Search) ? null : $"%{EscapeLike(request.Search.Trim())}%";
        var rows = (await connection.QueryAsync<Row>($"""
            SELECT u.id AS Id, u.email AS Email, u.name AS Name, o.id AS UnitId, o.code AS UnitCode, o.name AS UnitName,
                   u.disabled_at IS NOT NULL AS Disabled, u.last_sign_in_at AS LastSignInAt,
                   (SELECT string_agg(role, ',') FROM user_roles r WHERE r.user_id = u.id) AS Roles
            FROM users u JOIN org_units o ON o.id = u.unit_id
            WHERE substr(o.path, 1, length(@unitPath)) = @unitPath
              AND (@search IS NULL OR u.email {connection.Like()} @search ESCAPE '!' OR u.name {connection.Like()} @search ESCAPE '!')
              AND (@role IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = @role))
              AND (@IncludeDisabled OR u.disabled_at IS NULL)
              AND (@After IS NULL OR u.email > @After)
            ORDER BY u.email
            LIMIT @take
            """, new { unitPath, search, role = request.WithRole?.Code(), request.IncludeDisabled, request.After, take = limit + 1 })).AsList();

        var items = rows.Take(limit).Select(r => new UserSummary(r.Id, r.Email, r.Name, Roles.ParseList(r.Roles),
            new UnitRef(r.UnitId, r.UnitCode, r.UnitName), r.Disabled,
            r.LastSignInAt is null ? null : DapperSetup.Parse(r.LastSignInAt))).ToList();
        return new UserPage(items, rows.Count > limit ? items[^1].Email : null);
    }

    private static string EscapeLike(string text) => text.Replace("!", "!!").Replace("%", "!%").Replace("_", "!_");

    private sealed class Row
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public long UnitId { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public bool Disabled { get; init; }
        public string? LastSignInAt { get; init; }
        public string? Roles { get; init; }
    }
}

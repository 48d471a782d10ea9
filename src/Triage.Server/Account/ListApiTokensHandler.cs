using System.Data.Common;
using Dapper;
using Triage.Client.Account;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.Account;

public sealed class ListApiTokensHandler(Db db) : QueryHandler<ListApiTokens, IReadOnlyList<UserApiToken>>(db)
{
    protected override async Task<IReadOnlyList<UserApiToken>> Handle(ListApiTokens request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        // The scope rule checked the unit; the path prefix keeps the list inside the admin's subtree either way.
        var path = request.UnitId is { } unitId
            ? await connection.ExecuteScalarAsync<string>("SELECT path FROM org_units WHERE id = @unitId", new { unitId })
            : actor.UnitPath;
        var rows = await connection.QueryAsync<UserApiToken>("""
            SELECT t.id AS Id, u.id AS UserId, u.email AS UserEmail, u.name AS UserName, t.name AS Name, t.prefix AS Prefix,
                   t.created_at AS CreatedAt, t.last_used_at AS LastUsedAt, t.revoked_at AS RevokedAt
            FROM api_tokens t
                 JOIN users u ON u.id = t.user_id
                 JOIN org_units o ON o.id = u.unit_id
            WHERE substr(o.path, 1, length(@path)) = @path AND (@IncludeRevoked OR t.revoked_at IS NULL)
            ORDER BY t.revoked_at IS NOT NULL, t.id DESC
            """, new { path, request.IncludeRevoked });
        return rows.AsList();
    }
}

/// <summary>
/// A user revokes their own tokens; an admin also those of the users in their subtree. Anyone else's token does not
/// exist for the caller (404).
/// </summary>
public sealed class ApiTokenScopeRules(Db db, UnitScope units) : IScopeRule<ListApiTokens>, IScopeRule<RevokeApiToken>
{
    public Task<bool> InScopeAsync(ListApiTokens request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);

    public async Task<bool> InScopeAsync(RevokeApiToken request, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var owners = await connection.QueryAsync<(long UserId, string Path)>("""
            SELECT t.user_id, o.path FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN org_units o ON o.id = u.unit_id WHERE t.id = @Id
            """, new { request.Id });
        return owners.Any(o => o.UserId == actor.UserId || (actor.Roles.Contains(Client.Pipeline.Role.Admin) && actor.Covers(o.Path)));
    }
}

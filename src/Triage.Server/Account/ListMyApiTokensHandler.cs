using System.Data.Common;
using Dapper;
using Triage.Client.Account;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

public sealed class ListMyApiTokensHandler(Db db) : QueryHandler<ListMyApiTokens, IReadOnlyList<ApiTokenInfo>>(db)
{
    protected override async Task<IReadOnlyList<ApiTokenInfo>> Handle(ListMyApiTokens request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<ApiTokenInfo>("""
            SELECT id AS Id, name AS Name, prefix AS Prefix, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt
            FROM api_tokens WHERE user_id = @UserId ORDER BY revoked_at IS NOT NULL, id DESC
            """, new { actor.UserId });
        return rows.AsList();
    }
}

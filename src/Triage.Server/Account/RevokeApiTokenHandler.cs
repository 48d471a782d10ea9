using Dapper;
using MediatR;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

/// <summary>Whose token may be revoked is the scope rule's (<see cref="ApiTokenScopeRules"/>): one's own, or an admin's subtree.</summary>
public sealed class RevokeApiTokenHandler : CommandHandler<RevokeApiToken, Unit>
{
    protected override async Task<Unit> Handle(RevokeApiToken request, Work work, CancellationToken ct)
    {
        work.Subject("api_token", request.Id);
        var owner = await work.Connection.ExecuteScalarAsync<long?>("""
            UPDATE api_tokens SET revoked_at = coalesce(revoked_at, @Now) WHERE id = @Id RETURNING user_id
            """, new { request.Id, work.Now }, work.Transaction) ?? throw new NotFoundException("Token");
        work.Detail("userId", owner);
        return Unit.Value;
    }
}

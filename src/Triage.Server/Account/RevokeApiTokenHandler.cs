using Dapper;
using MediatR;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

public sealed class RevokeApiTokenHandler : CommandHandler<RevokeApiToken, Unit>
{
    protected override async Task<Unit> Handle(RevokeApiToken request, Work work, CancellationToken ct)
    {
        work.Subject("api_token", request.Id);
        var changed = await work.Connection.ExecuteAsync("""
            UPDATE api_tokens SET revoked_at = coalesce(revoked_at, @Now)
            WHERE id = @Id AND user_id = @UserId
            """, new { request.Id, work.Actor.UserId, work.Now }, work.Transaction);
        if (changed == 0) throw new NotFoundException("Token");
        return Unit.Value;
    }
}

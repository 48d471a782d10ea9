using Dapper;
using MediatR;
using Triage.Client.Onboarding;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

public sealed class RevokeInviteHandler : CommandHandler<RevokeInvite, Unit>
{
    protected override async Task<Unit> Handle(RevokeInvite request, Work work, CancellationToken ct)
    {
        work.Subject("invite", request.InviteId);
        await work.Connection.ExecuteAsync("UPDATE invites SET revoked_at = coalesce(revoked_at, @Now) WHERE id = @InviteId",
            new { request.InviteId, work.Now }, work.Transaction);
        return Unit.Value;
    }
}

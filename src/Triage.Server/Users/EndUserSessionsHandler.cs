using Dapper;
using MediatR;
using Triage.Client.Users;
using Triage.Server.Account;
using Triage.Server.Pipeline;

namespace Triage.Server.Users;

/// <summary>A new security stamp ends the user's cookies on their next request and their circuits at revalidation.</summary>
public sealed class EndUserSessionsHandler : CommandHandler<EndUserSessions, Unit>
{
    protected override async Task<Unit> Handle(EndUserSessions request, Work work, CancellationToken ct)
    {
        work.Subject("user", request.UserId);
        await work.Connection.ExecuteAsync("UPDATE users SET security_stamp = @stamp WHERE id = @UserId",
            new { request.UserId, stamp = Passwords.NewStamp() }, work.Transaction);
        return Unit.Value;
    }
}

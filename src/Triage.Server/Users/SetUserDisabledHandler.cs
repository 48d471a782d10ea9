using Dapper;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Users;
using Triage.Server.Account;
using Triage.Server.Pipeline;

namespace Triage.Server.Users;

/// <summary>A new security stamp ends the user's cookies on their next request and their circuits at revalidation.</summary>
public sealed class SetUserDisabledHandler : CommandHandler<SetUserDisabled, Unit>
{
    protected override async Task<Unit> Handle(SetUserDisabled request, Work work, CancellationToken ct)
    {
        work.Subject("user", request.UserId);
        if (request.Disabled && request.UserId == work.Actor.UserId)
            throw new ConflictException("Conflict.DisableSelf", "You cannot disable your own account.");
        await work.Connection.ExecuteAsync("""
            UPDATE users
            SET disabled_at = CASE WHEN @Disabled THEN coalesce(disabled_at, @Now) ELSE NULL END,
                security_stamp = @stamp
            WHERE id = @UserId
            """, new { request.UserId, request.Disabled, work.Now, stamp = Passwords.NewStamp() }, work.Transaction);
        return Unit.Value;
    }
}

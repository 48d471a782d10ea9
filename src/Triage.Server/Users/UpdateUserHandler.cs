using Dapper;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Users;
using Triage.Server.Account;
using Triage.Server.Pipeline;

namespace Triage.Server.Users;

public sealed class UpdateUserHandler : CommandHandler<UpdateUser, Unit>
{
    protected override async Task<Unit> Handle(UpdateUser request, Work work, CancellationToken ct)
    {
        work.Subject("user", request.UserId);
        if (request.UserId == work.Actor.UserId && !request.Roles.Contains(Role.Admin))
            throw new ConflictException("Conflict.OwnAdminRole", "You cannot remove your own admin role.");
        await work.Connection.ExecuteAsync(
            "UPDATE users SET name = @Name, unit_id = @UnitId, security_stamp = @stamp WHERE id = @UserId",
            new { request.UserId, Name = request.Name.Trim(), request.UnitId, stamp = Passwords.NewStamp() }, work.Transaction);
        await AddUserHandler.SetRolesAsync(work, request.UserId, request.Roles);
        return Unit.Value;
    }
}

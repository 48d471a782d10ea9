using Dapper;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

public sealed class ChangePasswordHandler(Passwords passwords, IStringLocalizer<Strings> localizer) : CommandHandler<ChangePassword, Unit>
{
    protected override async Task<Unit> Handle(ChangePassword request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        work.Subject("user", userId);
        var hash = await work.Connection.ExecuteScalarAsync<string?>(
            "SELECT password_hash FROM users WHERE id = @userId", new { userId }, work.Transaction);
        if (passwords.Verify(hash, request.CurrentPassword) == PasswordVerificationResult.Failed)
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["currentPassword"] = [localizer["Validation.CurrentPasswordWrong"]],
            });
        await work.Connection.ExecuteAsync(
            "UPDATE users SET password_hash = @hash, security_stamp = @stamp WHERE id = @userId",
            new { userId, hash = passwords.Hash(request.NewPassword), stamp = Passwords.NewStamp() }, work.Transaction);
        return Unit.Value;
    }
}

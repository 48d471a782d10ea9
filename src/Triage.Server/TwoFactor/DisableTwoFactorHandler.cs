using Dapper;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.TwoFactor;
using Triage.Server.Account;
using Triage.Server.Pipeline;

namespace Triage.Server.TwoFactor;

public sealed class DisableTwoFactorHandler(
    Authenticator authenticator, Passwords passwords, TwoFactorRequirement requirement, IStringLocalizer<Strings> localizer)
    : CommandHandler<DisableTwoFactor, Unit>
{
    protected override async Task<Unit> Handle(DisableTwoFactor request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        work.Subject("user", userId);
        if (requirement.RequiredFor(work.Actor.Roles))
            throw new ConflictException("TwoFactor.RequiredForRole", "One of your roles requires two-factor sign-in; it cannot be turned off.");
        if (!await TwoFactorRows.EnabledAsync(work, userId))
            throw new ConflictException("TwoFactor.NotEnabled", "Two-factor sign-in is not on.");

        if (!string.IsNullOrWhiteSpace(request.Code))
        {
            if (!await authenticator.AcceptCodeAsync(work.Connection, work.Transaction, userId, request.Code, work.Now))
                throw TwoFactorRows.WrongCode("code", localizer["TwoFactor.WrongCode"]);
            work.Detail("proof", "code");
        }
        else
        {
            var hash = await work.Connection.ExecuteScalarAsync<string?>(
                "SELECT password_hash FROM users WHERE id = @userId", new { userId }, work.Transaction);
            if (passwords.Verify(hash, request.Password ?? "") == PasswordVerificationResult.Failed)
                throw TwoFactorRows.WrongCode("password", localizer["Validation.CurrentPasswordWrong"]);
            work.Detail("proof", "password");
        }
        await TwoFactorRows.RemoveAsync(work, userId);
        return Unit.Value;
    }
}

using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.TwoFactor;
using Triage.Server.Pipeline;

namespace Triage.Server.TwoFactor;

public sealed class EnableTwoFactorHandler(Authenticator authenticator, IStringLocalizer<Strings> localizer)
    : CommandHandler<EnableTwoFactor, RecoveryCodes>
{
    protected override async Task<RecoveryCodes> Handle(EnableTwoFactor request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        work.Subject("user", userId);
        if (await TwoFactorRows.EnabledAsync(work, userId))
            throw new ConflictException("TwoFactor.AlreadyEnabled", "Two-factor sign-in is already on.");
        if (!await authenticator.AcceptCodeAsync(work.Connection, work.Transaction, userId, request.Code, work.Now, pending: true))
            throw TwoFactorRows.WrongCode("code", localizer["TwoFactor.WrongCode"]);
        await work.Connection.ExecuteAsync("UPDATE user_two_factor SET enabled_at = @Now WHERE user_id = @userId",
            new { userId, work.Now }, work.Transaction);
        return new RecoveryCodes(await Authenticator.IssueRecoveryCodesAsync(work.Connection, work.Transaction, userId));
    }
}

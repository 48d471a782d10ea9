using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.TwoFactor;
using Triage.Server.Pipeline;

namespace Triage.Server.TwoFactor;

public sealed class RegenerateRecoveryCodesHandler(Authenticator authenticator, IStringLocalizer<Strings> localizer)
    : CommandHandler<RegenerateRecoveryCodes, RecoveryCodes>
{
    protected override async Task<RecoveryCodes> Handle(RegenerateRecoveryCodes request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        work.Subject("user", userId);
        if (!await TwoFactorRows.EnabledAsync(work, userId))
            throw new ConflictException("TwoFactor.NotEnabled", "Two-factor sign-in is not on.");
        if (!await authenticator.AcceptCodeAsync(work.Connection, work.Transaction, userId, request.Code, work.Now))
            throw TwoFactorRows.WrongCode("code", localizer["TwoFactor.WrongCode"]);
        return new RecoveryCodes(await Authenticator.IssueRecoveryCodesAsync(work.Connection, work.Transaction, userId));
    }
}

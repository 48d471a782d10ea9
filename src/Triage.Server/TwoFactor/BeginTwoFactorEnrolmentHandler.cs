using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Pipeline;
using Triage.Client.TwoFactor;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.TwoFactor;

public sealed class BeginTwoFactorEnrolmentHandler(Authenticator authenticator, IOptions<DeskOptions> options)
    : CommandHandler<BeginTwoFactorEnrolment, TwoFactorEnrolment>
{
    protected override async Task<TwoFactorEnrolment> Handle(BeginTwoFactorEnrolment request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        work.Subject("user", userId);
        if (await TwoFactorRows.EnabledAsync(work, userId))
            throw new ConflictException("TwoFactor.AlreadyEnabled", "Two-factor sign-in is already on; turn it off before setting up a new app.");
        var secret = Authenticator.NewSecret();
        await work.Connection.ExecuteAsync("""
            INSERT INTO user_two_factor (user_id, secret, created_at) VALUES (@userId, @secret, @Now)
            ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = 0, created_at = excluded.created_at
            """, new { userId, secret = authenticator.Protect(secret), work.Now }, work.Transaction);
        var uri = Authenticator.OtpAuthUri(secret, options.Value.Organisation.Name, work.Actor.Email);
        return new TwoFactorEnrolment(Authenticator.DisplayKey(secret), uri, Authenticator.QrCodeDataUri(uri));
    }
}

internal static class TwoFactorRows
{
    public static Task<bool> EnabledAsync(Work work, long userId) => work.Connection.ExecuteScalarAsync<bool>(
        "SELECT EXISTS (SELECT 1 FROM user_two_factor WHERE user_id = @userId AND enabled_at IS NOT NULL)", new { userId }, work.Transaction);

    public static Task RemoveAsync(Work work, long userId) => work.Connection.ExecuteAsync("""
        DELETE FROM user_recovery_codes WHERE user_id = @userId;
        DELETE FROM user_two_factor WHERE user_id = @userId;
        """, new { userId }, work.Transaction);

    public static ValidationFailedException WrongCode(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

using Dapper;
using Triage.Client.Account;
using Triage.Client.TwoFactor;
using Triage.Server.Account;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.TwoFactor;

/// <summary>
/// The code step of signing in. Wrong codes share the password's failure count and lockout, and the password step
/// leaves that count alone for a two-factor user, so guesses cannot be spread over fresh password entries.
/// </summary>
public sealed class VerifyTwoFactorSignInHandler(Authenticator authenticator) : CommandHandler<VerifyTwoFactorSignIn, TwoFactorSignInResult>
{
    protected override async Task<TwoFactorSignInResult> Handle(VerifyTwoFactorSignIn request, Work work, CancellationToken ct)
    {
        var user = await work.Connection.QuerySingleOrDefaultAsync<Row>("""
            SELECT u.id AS Id, u.email AS Email, u.name AS Name, u.security_stamp AS Stamp, u.disabled_at IS NOT NULL AS Disabled,
                   u.failed_sign_ins AS FailedSignIns, u.locked_until AS LockedUntil,
                   EXISTS (SELECT 1 FROM user_two_factor t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS Enabled
            FROM users u WHERE u.id = @UserId
            """, new { request.UserId }, work.Transaction);
        if (user is null || user.Disabled || !user.Enabled || user.Stamp != request.SecurityStamp)
        {
            work.Detail("outcome", "start_again");
            return new TwoFactorSignInResult(TwoFactorSignInOutcome.StartAgain, null);
        }
        work.Subject("user", user.Id);

        if (user.LockedUntil is { } until && DapperSetup.Parse(until) > work.Now)
        {
            work.Detail("outcome", "locked");
            return new TwoFactorSignInResult(TwoFactorSignInOutcome.LockedOut, null);
        }

        int? recoveryLeft = null;
        var accepted = Authenticator.LooksLikeTotp(request.Code)
            ? await authenticator.AcceptCodeAsync(work.Connection, work.Transaction, user.Id, request.Code, work.Now)
            : (recoveryLeft = await Authenticator.UseRecoveryCodeAsync(work.Connection, work.Transaction, user.Id, request.Code, work.Now)) is not null;
        work.Detail("method", Authenticator.LooksLikeTotp(request.Code) ? "app" : "recovery_code");

        if (!accepted)
        {
            var failures = user.FailedSignIns + 1;
            var lockNow = failures >= SignInHandler.MaxFailures;
            await work.Connection.ExecuteAsync(
                "UPDATE users SET failed_sign_ins = @failures, locked_until = @lockedUntil WHERE id = @Id",
                new { user.Id, failures = lockNow ? 0 : failures, lockedUntil = lockNow ? DapperSetup.Format(work.Now + SignInHandler.LockoutDuration) : null },
                work.Transaction);
            work.Detail("outcome", lockNow ? "locked" : "invalid_code");
            return new TwoFactorSignInResult(lockNow ? TwoFactorSignInOutcome.LockedOut : TwoFactorSignInOutcome.InvalidCode, null);
        }

        await work.Connection.ExecuteAsync(
            "UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now WHERE id = @Id",
            new { user.Id, now = work.Now }, work.Transaction);
        work.Detail("outcome", "signed_in");
        if (recoveryLeft is not null) work.Detail("recoveryCodesLeft", recoveryLeft);
        return new TwoFactorSignInResult(TwoFactorSignInOutcome.SignedIn,
            new SignedInUser(user.Id, user.Email, user.Name, user.Stamp), recoveryLeft);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public string Stamp { get; init; } = "";
        public bool Disabled { get; init; }
        public int FailedSignIns { get; init; }
        public string? LockedUntil { get; init; }
        public bool Enabled { get; init; }
    }
}

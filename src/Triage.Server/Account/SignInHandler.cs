using Dapper;
using PasswordVerificationResult = Microsoft.AspNetCore.Identity.PasswordVerificationResult;
using Triage.Client.Account;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

/// <summary>
/// Checks a password. Unknown user, disabled account and wrong password answer alike and cost the
/// same hash; five failures in a row lock the account for fifteen minutes.
/// </summary>
public sealed class SignInHandler(Passwords passwords) : CommandHandler<SignIn, SignInResult>
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    protected override async Task<SignInResult> Handle(SignIn request, Work work, CancellationToken ct)
    {
        var email = request.Email.Trim();
        var user = await work.Connection.QuerySingleOrDefaultAsync<Row>("""
            SELECT id AS Id, email AS Email, name AS Name, password_hash AS PasswordHash, security_stamp AS Stamp,
                   disabled_at IS NOT NULL AS Disabled, failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil
            FROM users WHERE email = @email
            """, new { email }, work.Transaction);

        if (user is null || user.Disabled || user.PasswordHash is null)
        {
            passwords.VerifyDecoy(request.Password);
            work.Detail("outcome", "invalid");
            return new SignInResult(SignInOutcome.InvalidCredentials, null);
        }
        work.Subject("user", user.Id);

        if (user.LockedUntil is { } until && DapperSetup.Parse(until) > work.Now)
        {
            passwords.VerifyDecoy(request.Password);
            work.Detail("outcome", "locked");
            return new SignInResult(SignInOutcome.LockedOut, null);
        }

        var verdict = passwords.Verify(user.PasswordHash, request.Password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failures = user.FailedSignIns + 1;
            var lockNow = failures >= MaxFailures;
            await work.Connection.ExecuteAsync(
                "UPDATE users SET failed_sign_ins = @failures, locked_until = @lockedUntil WHERE id = @Id",
                new { user.Id, failures = lockNow ? 0 : failures, lockedUntil = lockNow ? DapperSetup.Format(work.Now + LockoutDuration) : null },
                work.Transaction);
            work.Detail("outcome", lockNow ? "locked" : "invalid");
            return new SignInResult(lockNow ? SignInOutcome.LockedOut : SignInOutcome.InvalidCredentials, null);
        }

        var newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? passwords.Hash(request.Password) : user.PasswordHash;
        if (await TwoFactor.TwoFactorRows.EnabledAsync(work, user.Id))
        {
            // The failure count stays: it is reset only once the code is right too, so wrong codes cannot be
            // spread over fresh password entries to escape the lockout.
            await work.Connection.ExecuteAsync("UPDATE users SET password_hash = @newHash WHERE id = @Id", new { user.Id, newHash }, work.Transaction);
            work.Detail("outcome", "two_factor_required");
            return new SignInResult(SignInOutcome.TwoFactorRequired, new SignedInUser(user.Id, user.Email, user.Name, user.Stamp));
        }
        await work.Connection.ExecuteAsync("""
            UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now, password_hash = @newHash
            WHERE id = @Id
            """, new { user.Id, now = work.Now, newHash }, work.Transaction);
        work.Detail("outcome", "signed_in");
        return new SignInResult(SignInOutcome.SignedIn, new SignedInUser(user.Id, user.Email, user.Name, user.Stamp));
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public string? PasswordHash { get; init; }
        public string Stamp { get; init; } = "";
        public bool Disabled { get; init; }
        public int FailedSignIns { get; init; }
        public string? LockedUntil { get; init; }
    }
}

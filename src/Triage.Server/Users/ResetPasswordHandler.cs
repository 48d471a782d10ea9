using Dapper;
using Triage.Client.Users;
using Triage.Server.Account;
using Triage.Server.Pipeline;

namespace Triage.Server.Users;

public sealed class ResetPasswordHandler(Passwords passwords) : CommandHandler<ResetPassword, PasswordReset>
{
    protected override async Task<PasswordReset> Handle(ResetPassword request, Work work, CancellationToken ct)
    {
        work.Subject("user", request.UserId);
        await CoordinatorReach.EnsureBelowAsync(work, request.UserId);
        var password = Passwords.Generate();
        await work.Connection.ExecuteAsync("""
            UPDATE users SET password_hash = @hash, security_stamp = @stamp, failed_sign_ins = 0, locked_until = NULL
            WHERE id = @UserId
            """, new { request.UserId, hash = passwords.Hash(password), stamp = Passwords.NewStamp() }, work.Transaction);
        // A pending activation link would otherwise still overwrite the password it was given.
        await work.Connection.ExecuteAsync("DELETE FROM user_activations WHERE user_id = @UserId", new { request.UserId }, work.Transaction);
        return new PasswordReset(password);
    }
}

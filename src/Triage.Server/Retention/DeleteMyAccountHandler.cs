using Dapper;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Retention;
using Triage.Server.Account;
using Triage.Server.Data;
using Triage.Server.Exports;
using Triage.Server.Pipeline;

namespace Triage.Server.Retention;

/// <summary>
/// Erases the caller (decision 0020): every report they sent, in any case, open or not, is unlinked from them as the
/// retention job does it; then the account itself keeps only its id and unit: a placeholder address, no name, no password,
/// no roles, disabled, with a new security stamp, so every session and circuit ends and no token is accepted again.
/// Their saved views, notifications, retry records and any pending activation link go. What they did as staff (comments, counter-messages,
/// assignments) stays, under the erased account. The audit event names the user id only.
/// </summary>
public sealed class DeleteMyAccountHandler(
    Passwords passwords, IStringLocalizer<Strings> localizer, IOptions<DeskOptions> desk, RetentionJob job)
    : CommandHandler<DeleteMyAccount, Unit>
{
    protected override async Task<Unit> Handle(DeleteMyAccount request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        work.Subject("user", userId);
        var (connection, tx) = (work.Connection, work.Transaction);
        var hash = await connection.ExecuteScalarAsync<string?>("SELECT password_hash FROM users WHERE id = @userId", new { userId }, tx);
        if (passwords.Verify(hash, request.Password) == PasswordVerificationResult.Failed)
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["password"] = [localizer["Validation.CurrentPasswordWrong"]],
            });
        if (work.Actor.Roles.Contains(Role.Admin) && !await connection.ExecuteScalarAsync<bool>("""
                SELECT EXISTS (SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id
                               WHERE r.role = 'admin' AND u.disabled_at IS NULL AND u.id <> @userId)
                """, new { userId }, tx))
            throw new ConflictException(RetentionCodes.LastAdmin,
                "You are the last active administrator: make someone else an administrator before deleting your account.");

        var reports = (await connection.QueryAsync<long>("SELECT id FROM reports WHERE reporter_user_id = @userId", new { userId }, tx)).ToList();
        var erased = await Erasure.EraseReportsAsync(connection, tx, work.Now, reports, await ReporterPseudonyms.LoadAsync(connection, desk.Value.KeysDirectory, work.Now, tx));

        await connection.ExecuteAsync("""
            DELETE FROM saved_views WHERE user_id = @userId;
            DELETE FROM notifications WHERE user_id = @userId;
            DELETE FROM idempotency_keys WHERE user_id = @userId;
            DELETE FROM user_roles WHERE user_id = @userId;
            DELETE FROM user_activations WHERE user_id = @userId;
            DELETE FROM user_recovery_codes WHERE user_id = @userId;
            DELETE FROM user_two_factor WHERE user_id = @userId;
            UPDATE api_tokens SET revoked_at = @Now WHERE user_id = @userId AND revoked_at IS NULL;
            UPDATE users
            SET email = 'deleted-' || id || '@erased.invalid', name = '', password_hash = NULL, security_stamp = @stamp,
                disabled_at = coalesce(disabled_at, @Now), failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = NULL,
                blur_evidence = TRUE, language = NULL
            WHERE id = @userId;
            """, new { userId, work.Now, stamp = Passwords.NewStamp() }, tx);
        work.Detail("reports", erased.Reports);
        work.Detail("evidence", erased.Evidence);
        // The files go once this commits: the purge waits for the write gate this command holds.
        if (erased.Evidence > 0) job.RequestFilePurge();
        return Unit.Value;
    }
}

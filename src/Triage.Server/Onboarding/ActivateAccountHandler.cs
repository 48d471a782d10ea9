using System.Data.Common;
using Dapper;
using Triage.Client.Account;
using Triage.Client.Onboarding;
using Triage.Server.Account;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

/// <summary>
/// Sets an imported user's first password from their link, once: the link is marked used and a new
/// security stamp starts their first session. An unknown, used or disabled user's link answers alike.
/// </summary>
public sealed class ActivateAccountHandler(Passwords passwords) : CommandHandler<ActivateAccount, LinkOutcome>
{
    protected override async Task<LinkOutcome> Handle(ActivateAccount request, Work work, CancellationToken ct)
    {
        var link = await FindAsync(work.Connection, work.Transaction, request.Token);
        var state = StateOf(link, work.Now);
        work.Detail("outcome", state.ToString().ToLowerInvariant());
        if (state != LinkState.Valid) return new LinkOutcome(state, null, null);

        work.Subject("user", link!.UserId);
        var stamp = Passwords.NewStamp();
        await work.Connection.ExecuteAsync("""
            UPDATE users SET password_hash = @hash, security_stamp = @stamp, failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @Now
            WHERE id = @UserId
            """, new { link.UserId, hash = passwords.Hash(request.Password), stamp, work.Now }, work.Transaction);
        await work.Connection.ExecuteAsync("UPDATE user_activations SET used_at = @Now WHERE user_id = @UserId",
            new { link.UserId, work.Now }, work.Transaction);
        return new LinkOutcome(LinkState.Valid, new SignedInUser(link.UserId, link.Email, link.Name, stamp), link.Language);
    }

    internal static Task<Link?> FindAsync(DbConnection connection, DbTransaction? transaction, string token) =>
        connection.QuerySingleOrDefaultAsync<Link>("""
            SELECT a.user_id AS UserId, u.email AS Email, u.name AS Name, u.language AS Language, a.expires_at AS ExpiresAt,
                   a.used_at IS NOT NULL AS Used, u.disabled_at IS NOT NULL AS Disabled
            FROM user_activations a JOIN users u ON u.id = a.user_id
            WHERE a.token_hash = @hash
            """, new { hash = OnboardingLinks.HashOf(token) }, transaction);

    internal static LinkState StateOf(Link? link, DateTimeOffset now) =>
        link is null || link.Used || link.Disabled ? LinkState.Invalid
        : link.ExpiresAt <= now ? LinkState.Expired
        : LinkState.Valid;

    internal sealed class Link
    {
        public long UserId { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Language { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public bool Used { get; init; }
        public bool Disabled { get; init; }
    }
}

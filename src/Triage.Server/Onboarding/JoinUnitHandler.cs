using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Account;
using Triage.Client.Onboarding;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Account;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

/// <summary>
/// Registers a member into the invite's unit. The use count is checked and raised inside the write
/// transaction, so a link with one use left admits one person however many submit at once.
/// </summary>
public sealed class JoinUnitHandler(Passwords passwords, IStringLocalizer<Strings> localizer) : CommandHandler<JoinUnit, LinkOutcome>
{
    protected override async Task<LinkOutcome> Handle(JoinUnit request, Work work, CancellationToken ct)
    {
        var invite = await FindAsync(work.Connection, work.Transaction, request.Token);
        var state = StateOf(invite, work.Now);
        work.Detail("outcome", state.ToString().ToLowerInvariant());
        if (state != LinkState.Valid) return new LinkOutcome(state, null, null);

        var email = request.Email.Trim();
        var taken = await work.Connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM users WHERE email = @email)", new { email }, work.Transaction);
        if (taken)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["email"] = [localizer["Onboard.Join.EmailTaken"]] });

        var stamp = Passwords.NewStamp();
        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO users (email, name, unit_id, password_hash, security_stamp, created_at, last_sign_in_at, language)
            VALUES (@email, @name, @UnitId, @hash, @stamp, @Now, @Now, @Language) RETURNING id
            """, new { email, name = request.Name.Trim(), invite!.UnitId, hash = passwords.Hash(request.Password), stamp, work.Now, request.Language },
            work.Transaction);
        await work.Connection.ExecuteAsync("INSERT INTO user_roles (user_id, role) VALUES (@id, 'member')", new { id }, work.Transaction);
        await work.Connection.ExecuteAsync("UPDATE invites SET uses = uses + 1 WHERE id = @Id", new { invite.Id }, work.Transaction);
        work.Subject("user", id);
        work.Detail("invite", invite.Id);
        return new LinkOutcome(LinkState.Valid, new SignedInUser(id, email, request.Name.Trim(), stamp), request.Language);
    }

    internal static Task<Invite?> FindAsync(DbConnection connection, DbTransaction? transaction, string token) =>
        connection.QuerySingleOrDefaultAsync<Invite>("""
            SELECT i.id AS Id, i.unit_id AS UnitId, o.name AS UnitName, i.expires_at AS ExpiresAt, i.revoked_at AS RevokedAt,
                   i.max_uses AS MaxUses, i.uses AS Uses
            FROM invites i JOIN org_units o ON o.id = i.unit_id
            WHERE i.token_hash = @hash
            """, new { hash = OnboardingLinks.HashOf(token) }, transaction);

    internal static LinkState StateOf(Invite? invite, DateTimeOffset now) => invite is null
        ? LinkState.Invalid
        : OnboardingLinks.InviteState(now, invite.ExpiresAt, invite.RevokedAt, invite.MaxUses, invite.Uses);

    internal sealed class Invite
    {
        public long Id { get; init; }
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public int? MaxUses { get; init; }
        public int Uses { get; init; }
    }
}

using Dapper;
using Triage.Client.Onboarding;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

public sealed class CreateInviteHandler : CommandHandler<CreateInvite, CreatedInvite>
{
    protected override async Task<CreatedInvite> Handle(CreateInvite request, Work work, CancellationToken ct)
    {
        var token = OnboardingLinks.NewToken();
        var expiresAt = work.Now.AddDays(request.Days);
        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO invites (unit_id, token_hash, created_by, created_at, expires_at, max_uses)
            VALUES (@UnitId, @hash, @createdBy, @Now, @expiresAt, @MaxUses) RETURNING id
            """, new { request.UnitId, hash = OnboardingLinks.HashOf(token), createdBy = work.Actor.UserId, work.Now, expiresAt, request.MaxUses },
            work.Transaction);
        work.Subject("invite", id);
        return new CreatedInvite(id, OnboardingLinks.JoinPath + token, expiresAt);
    }
}

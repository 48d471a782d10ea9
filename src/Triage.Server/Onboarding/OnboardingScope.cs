using Dapper;
using Triage.Client.Onboarding;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.Onboarding;

/// <summary>
/// Invites belong to a unit in the caller's subtree. An import names its units row by row, so it has
/// no scope rule: each row's unit is checked against the caller's subtree where the row is read.
/// </summary>
public sealed class OnboardingScope(UnitScope units, Db db) : IScopeRule<CreateInvite>, IScopeRule<RevokeInvite>
{
    public Task<bool> InScopeAsync(CreateInvite request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);

    public async Task<bool> InScopeAsync(RevokeInvite request, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var path = await connection.ExecuteScalarAsync<string?>(
            "SELECT o.path FROM invites i JOIN org_units o ON o.id = i.unit_id WHERE i.id = @InviteId", new { request.InviteId });
        return path is not null && actor.Covers(path);
    }
}

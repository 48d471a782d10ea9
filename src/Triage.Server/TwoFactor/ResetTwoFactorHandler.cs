using Dapper;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.TwoFactor;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.TwoFactor;

/// <summary>Mirrors the password reset's reach: an admin in their subtree, a coordinator only for users below their rank.</summary>
public sealed class ResetTwoFactorHandler : CommandHandler<ResetTwoFactor, Unit>
{
    protected override async Task<Unit> Handle(ResetTwoFactor request, Work work, CancellationToken ct)
    {
        work.Subject("user", request.UserId);
        if (!work.Actor.Has(Role.Admin) && await work.Connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM user_roles WHERE user_id = @UserId AND role IN ('coordinator', 'admin'))",
                new { request.UserId }, work.Transaction))
            throw new ForbiddenException();
        work.Detail("wasEnabled", await TwoFactorRows.EnabledAsync(work, request.UserId));
        await TwoFactorRows.RemoveAsync(work, request.UserId);
        return Unit.Value;
    }
}

public sealed class TwoFactorScope(UnitScope units) : IScopeRule<ResetTwoFactor>
{
    public Task<bool> InScopeAsync(ResetTwoFactor request, Actor actor, CancellationToken ct) => units.CoversUserAsync(actor, request.UserId, ct);
}

using MediatR;
using Triage.Client.TwoFactor;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.TwoFactor;

/// <summary>The password reset's reach: an admin in their subtree, a coordinator only for users below their rank.</summary>
public sealed class ResetTwoFactorHandler : CommandHandler<ResetTwoFactor, Unit>
{
    protected override async Task<Unit> Handle(ResetTwoFactor request, Work work, CancellationToken ct)
    {
        work.Subject("user", request.UserId);
        await Users.CoordinatorReach.EnsureBelowAsync(work, request.UserId);
        work.Detail("wasEnabled", await TwoFactorRows.EnabledAsync(work, request.UserId));
        await TwoFactorRows.RemoveAsync(work, request.UserId);
        return Unit.Value;
    }
}

public sealed class TwoFactorScope(UnitScope units) : IScopeRule<ResetTwoFactor>
{
    public Task<bool> InScopeAsync(ResetTwoFactor request, Actor actor, CancellationToken ct) => units.CoversUserAsync(actor, request.UserId, ct);
}

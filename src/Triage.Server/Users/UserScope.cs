using Triage.Client.Users;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.Users;

/// <summary>An admin manages the users of their own subtree, and moves them only within it.</summary>
public sealed class UserScopeRules(UnitScope units) :
    IScopeRule<ListUsers>, IScopeRule<AddUser>, IScopeRule<UpdateUser>, IScopeRule<SetUserDisabled>, IScopeRule<ResetPassword>,
    IScopeRule<EndUserSessions>
{
    public Task<bool> InScopeAsync(ListUsers request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);

    public Task<bool> InScopeAsync(AddUser request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);

    public async Task<bool> InScopeAsync(UpdateUser request, Actor actor, CancellationToken ct) =>
        await units.CoversUserAsync(actor, request.UserId, ct) && await units.CoversAsync(actor, request.UnitId, ct);

    public Task<bool> InScopeAsync(SetUserDisabled request, Actor actor, CancellationToken ct) => units.CoversUserAsync(actor, request.UserId, ct);

    public Task<bool> InScopeAsync(EndUserSessions request, Actor actor, CancellationToken ct) => units.CoversUserAsync(actor, request.UserId, ct);

    public Task<bool> InScopeAsync(ResetPassword request, Actor actor, CancellationToken ct) => units.CoversUserAsync(actor, request.UserId, ct);
}

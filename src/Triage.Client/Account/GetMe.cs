using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Account;

[AllowSignedIn, AllowBeforeTwoFactorEnrolment]
public sealed record GetMe : IRequest<MyAccount>;

public sealed record MyAccount(long Id, string Email, string Name, IReadOnlyList<Role> Roles, UnitRef Unit)
{
    public bool Has(Role role) => Roles.Contains(role) || Roles.Contains(Role.Admin);

    /// <summary>The organisation the desk serves (the admin's setting, else the configuration's), shown in the app bar.</summary>
    public string Organisation { get; init; } = "";
}

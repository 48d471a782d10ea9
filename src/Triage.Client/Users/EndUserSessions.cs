using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Users;

/// <summary>
/// Signs a user out everywhere (a lost phone, a shared computer) without disabling them: every cookie session and
/// open page ends; API tokens are separate and are revoked on their own.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record EndUserSessions(long UserId) : ICommand<Unit>;

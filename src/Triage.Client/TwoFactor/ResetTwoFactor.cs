using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.TwoFactor;

/// <summary>
/// Removes a user's authenticator and recovery codes (a lost phone); they sign in with their password and, if a
/// role requires it, enrol again. Scoped like a password reset: a coordinator only below their own rank.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed record ResetTwoFactor(long UserId) : ICommand<Unit>;

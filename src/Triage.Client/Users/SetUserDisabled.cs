using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Users;

/// <summary>Disables (ending every session and token use at once) or re-enables a user.</summary>
[AllowRoles(Role.Admin)]
public sealed record SetUserDisabled(long UserId, bool Disabled) : ICommand<Unit>;

using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Onboarding;

/// <summary>Ends an invite link at once; the members who joined through it stay.</summary>
[AllowRoles(Role.Coordinator)]
public sealed record RevokeInvite(long InviteId) : ICommand<Unit>;

using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Onboarding;

/// <summary>The invite links of the caller's subtree, newest first.</summary>
[AllowRoles(Role.Coordinator)]
public sealed record ListInvites(int Limit = 100) : IRequest<IReadOnlyList<InviteSummary>>;

public sealed record InviteSummary(long Id, UnitRef Unit, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    int? MaxUses, int Uses, DateTimeOffset? RevokedAt, LinkState State);

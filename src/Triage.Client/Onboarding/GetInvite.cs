using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Onboarding;

/// <summary>What an invite link is worth and which unit it joins, for the join page.</summary>
[AllowAnonymousRequest]
public sealed record GetInvite([property: Secret] string Token) : IRequest<InviteInfo>;

public sealed record InviteInfo(LinkState State, string? UnitName);

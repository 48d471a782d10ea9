using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Onboarding;

/// <summary>What an activation link is worth, for its page to show the form or say why not.</summary>
[AllowAnonymousRequest]
public sealed record GetActivation([property: Secret] string Token) : IRequest<ActivationInfo>;

public enum LinkState
{
    Valid,
    Expired,
    Revoked,
    UsedUp,
    /// <summary>Unknown, or an activation link already used: the page says the same for both.</summary>
    Invalid,
}

public sealed record ActivationInfo(LinkState State, string? Email);

using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.TwoFactor;

/// <summary>The caller's own two-factor state; <c>Required</c> when one of their roles must sign in with a code.</summary>
[AllowSignedIn, AllowBeforeTwoFactorEnrolment]
public sealed record GetTwoFactorStatus : IRequest<TwoFactorStatus>;

public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, bool Required)
{
    /// <summary>Signed in with a password only although a role demands a code: every page sends them to enrol.</summary>
    public bool MustEnrol => Required && !Enabled;
}

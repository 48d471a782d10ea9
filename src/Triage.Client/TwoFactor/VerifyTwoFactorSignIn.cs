using System.ComponentModel.DataAnnotations;
using Triage.Client.Account;
using Triage.Client.Pipeline;

namespace Triage.Client.TwoFactor;

/// <summary>
/// The second step of signing in: a code from the app or a recovery code for the user whose password the first
/// step accepted. The user and stamp come from the server's pending sign-in cookie, never from the form.
/// Wrong codes count toward the same lockout as wrong passwords.
/// </summary>
[AllowAnonymousRequest]
public sealed class VerifyTwoFactorSignIn : ICommand<TwoFactorSignInResult>
{
    public long UserId { get; set; }

    [Secret]
    public string SecurityStamp { get; set; } = "";

    [Secret, Required(ErrorMessage = FieldRules.Required), StringLength(32, ErrorMessage = FieldRules.TooLong)]
    public string Code { get; set; } = "";
}

public enum TwoFactorSignInOutcome
{
    SignedIn,
    InvalidCode,
    LockedOut,
    /// <summary>The password step is no longer good (password changed, account disabled, two-factor reset): start again.</summary>
    StartAgain,
}

/// <param name="RecoveryCodesLeft">Set when a recovery code was used, so the page can say how many remain.</param>
public sealed record TwoFactorSignInResult(TwoFactorSignInOutcome Outcome, SignedInUser? User, int? RecoveryCodesLeft = null);

using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

[AllowAnonymousRequest]
public sealed class SignIn : ICommand<SignInResult>
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(254, ErrorMessage = FieldRules.TooLong)]
    public string Email { get; set; } = "";

    [Secret, Required(ErrorMessage = FieldRules.Required), StringLength(512, ErrorMessage = FieldRules.TooLong)]
    public string Password { get; set; } = "";
}

public enum SignInOutcome
{
    SignedIn,
    /// <summary>Unknown user, wrong password or disabled account: one answer for all three.</summary>
    InvalidCredentials,
    LockedOut,
    /// <summary>The password is right and the user signs in with a code too: no session yet, the code step comes next.</summary>
    TwoFactorRequired,
}

public sealed record SignInResult(SignInOutcome Outcome, SignedInUser? User);

public sealed record SignedInUser(long Id, string Email, string Name, string SecurityStamp);

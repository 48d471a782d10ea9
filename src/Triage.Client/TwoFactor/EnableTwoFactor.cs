using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.TwoFactor;

/// <summary>Turns two-factor sign-in on once a current code from the app matches the unconfirmed secret; answers the recovery codes, shown once.</summary>
[AllowSignedIn, AllowBeforeTwoFactorEnrolment]
public sealed class EnableTwoFactor : ICommand<RecoveryCodes>
{
    [Secret, Required(ErrorMessage = FieldRules.Required), StringLength(16, ErrorMessage = FieldRules.TooLong)]
    public string Code { get; set; } = "";
}

/// <summary>Single-use codes for a lost phone; only their hashes are stored.</summary>
public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

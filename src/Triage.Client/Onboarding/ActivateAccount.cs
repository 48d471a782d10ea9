using System.ComponentModel.DataAnnotations;
using Triage.Client.Account;
using Triage.Client.Pipeline;

namespace Triage.Client.Onboarding;

/// <summary>An imported user sets their first password through their one-time link and is signed in.</summary>
[AllowAnonymousRequest]
public sealed class ActivateAccount : ICommand<LinkOutcome>, IValidatableObject
{
    [Secret]
    public string Token { get; set; } = "";

    [Secret, Required(ErrorMessage = FieldRules.Required), StringLength(512, ErrorMessage = FieldRules.TooLong)]
    public string Password { get; set; } = "";

    [Secret, Required(ErrorMessage = FieldRules.Required)]
    public string ConfirmPassword { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Password.Length is > 0 and < FieldRules.MinPasswordLength)
            yield return FieldRules.Error(FieldRules.PasswordTooShort, nameof(Password));
        if (ConfirmPassword != Password)
            yield return FieldRules.Error(FieldRules.PasswordsDiffer, nameof(ConfirmPassword));
    }
}

/// <summary>The link was good and the user is now signed in (<see cref="User"/>), or why it was not.</summary>
public sealed record LinkOutcome(LinkState State, SignedInUser? User, string? Language);

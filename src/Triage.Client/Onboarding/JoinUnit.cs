using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Onboarding;

/// <summary>A new person registers through an invite link as a member of its unit and is signed in.</summary>
[AllowAnonymousRequest]
public sealed class JoinUnit : ICommand<LinkOutcome>, IValidatableObject
{
    [Secret]
    public string Token { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(254, ErrorMessage = FieldRules.TooLong),
     EmailAddress(ErrorMessage = FieldRules.Email)]
    public string Email { get; set; } = "";

    [Secret, Required(ErrorMessage = FieldRules.Required), StringLength(512, ErrorMessage = FieldRules.TooLong)]
    public string Password { get; set; } = "";

    [Secret, Required(ErrorMessage = FieldRules.Required)]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>vi or en; the desk greets them in it from now on.</summary>
    public string Language { get; set; } = "vi";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Password.Length is > 0 and < FieldRules.MinPasswordLength)
            yield return FieldRules.Error(FieldRules.PasswordTooShort, nameof(Password));
        if (ConfirmPassword != Password)
            yield return FieldRules.Error(FieldRules.PasswordsDiffer, nameof(ConfirmPassword));
        if (Language is not ("vi" or "en"))
            yield return FieldRules.Error(FieldRules.Required, nameof(Language));
    }
}

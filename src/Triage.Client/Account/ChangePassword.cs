using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>Changes the caller's password and ends all of their sessions, this one included.</summary>
[AllowSignedIn]
public sealed class ChangePassword : ICommand<Unit>, IValidatableObject
{
    [Secret, Required(ErrorMessage = FieldRules.Required)]
    public string CurrentPassword { get; set; } = "";

    [Secret, Required(ErrorMessage = FieldRules.Required), StringLength(512, ErrorMessage = FieldRules.TooLong)]
    public string NewPassword { get; set; } = "";

    [Secret, Required(ErrorMessage = FieldRules.Required)]
    public string ConfirmPassword { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NewPassword.Length is > 0 and < FieldRules.MinPasswordLength)
            yield return FieldRules.Error(FieldRules.PasswordTooShort, nameof(NewPassword));
        if (ConfirmPassword != NewPassword)
            yield return FieldRules.Error(FieldRules.PasswordsDiffer, nameof(ConfirmPassword));
    }
}

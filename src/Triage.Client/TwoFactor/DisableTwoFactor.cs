using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.TwoFactor;

/// <summary>
/// Turns the caller's two-factor sign-in off, proven by a current code or the password (a lost phone with the
/// password still known). Refused while one of the caller's roles requires it.
/// </summary>
[AllowSignedIn]
public sealed class DisableTwoFactor : ICommand<Unit>, IValidatableObject
{
    [Secret, StringLength(16, ErrorMessage = FieldRules.TooLong)]
    public string? Code { get; set; }

    [Secret, StringLength(512, ErrorMessage = FieldRules.TooLong)]
    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrEmpty(Password))
            yield return FieldRules.Error(FieldRules.Required, nameof(Code));
    }
}

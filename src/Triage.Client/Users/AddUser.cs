using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Users;

/// <summary>Adds a user at a unit; without a password, one is generated and returned once.</summary>
[AllowRoles(Role.Admin)]
public sealed class AddUser : ICommand<AddedUser>, IValidatableObject
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(254, ErrorMessage = FieldRules.TooLong),
     EmailAddress(ErrorMessage = FieldRules.Email)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";

    public IReadOnlyCollection<Role> Roles { get; set; } = [Role.Member];

    [Required(ErrorMessage = FieldRules.Required)]
    public long? UnitId { get; set; }

    [Secret, StringLength(512, ErrorMessage = FieldRules.TooLong)]
    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Roles.Count == 0)
            yield return FieldRules.Error(FieldRules.RolesRequired, nameof(Roles));
        if (Password is { Length: > 0 and < FieldRules.MinPasswordLength })
            yield return FieldRules.Error(FieldRules.PasswordTooShort, nameof(Password));
    }
}

public sealed record AddedUser(long Id, string? GeneratedPassword);

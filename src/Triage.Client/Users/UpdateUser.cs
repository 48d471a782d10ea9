using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Users;

/// <summary>Changes a user's name, roles and unit; their sessions restart with the new rights.</summary>
[AllowRoles(Role.Admin)]
public sealed class UpdateUser : ICommand<Unit>, IValidatableObject
{
    public long UserId { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";

    public IReadOnlyCollection<Role> Roles { get; set; } = [];

    [Required(ErrorMessage = FieldRules.Required)]
    public long? UnitId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Roles.Count == 0)
            yield return FieldRules.Error(FieldRules.RolesRequired, nameof(Roles));
    }
}

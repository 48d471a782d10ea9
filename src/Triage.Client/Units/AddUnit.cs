using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Units;

[AllowRoles(Role.Admin)]
public sealed class AddUnit : ICommand<UnitRef>
{
    [Required(ErrorMessage = FieldRules.Required)]
    public long? ParentId { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(40, ErrorMessage = FieldRules.TooLong),
     RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]*$", ErrorMessage = FieldRules.UnitCode)]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";
}

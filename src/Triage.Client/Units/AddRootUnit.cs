using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Units;

/// <summary>Creates the top of the tree on an empty desk (the first <c>users add</c> in Production).</summary>
[AllowSystemOnly]
public sealed class AddRootUnit : ICommand<UnitRef>
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(40, ErrorMessage = FieldRules.TooLong),
     RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]*$", ErrorMessage = FieldRules.UnitCode)]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";
}

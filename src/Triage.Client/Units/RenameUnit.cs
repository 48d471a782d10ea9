using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Units;

[AllowRoles(Role.Admin)]
public sealed class RenameUnit : ICommand<Unit>
{
    public long Id { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";
}

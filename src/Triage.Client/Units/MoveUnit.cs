using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Units;

/// <summary>Moves a unit, with its whole subtree, under another parent.</summary>
[AllowRoles(Role.Admin)]
public sealed class MoveUnit : ICommand<Unit>
{
    public long Id { get; set; }

    [Required(ErrorMessage = FieldRules.Required)]
    public long? NewParentId { get; set; }
}

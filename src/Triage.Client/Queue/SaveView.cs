using System.ComponentModel.DataAnnotations;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Queue;

/// <summary>Saves the current filters under a name; saving under an existing name of the caller's replaces it.</summary>
[AllowRoles(Role.Reviewer, Role.Responder, Role.Coordinator)]
public sealed class SaveView : ICommand<SavedView>
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(80, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required)]
    public CaseFilter Filter { get; set; } = new();
}

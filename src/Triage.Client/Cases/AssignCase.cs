using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>
/// Hands a triaged case to a responder, or moves it to another. The responder must work on the
/// owning unit's line: at that unit, above it or below it (not in a sibling branch).
/// </summary>
[AllowRoles(Role.Reviewer)]
public sealed class AssignCase : VersionedCaseCommand, ICommand<CaseChanged>
{
    [Required(ErrorMessage = FieldRules.Required), EmailAddress(ErrorMessage = FieldRules.Email), StringLength(320, ErrorMessage = FieldRules.TooLong)]
    public string ResponderEmail { get; set; } = "";
}

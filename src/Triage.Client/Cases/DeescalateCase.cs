using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>Sends an escalated case back to the unit it came from, in the status it had there.</summary>
[AllowRoles(Role.Reviewer)]
public sealed class DeescalateCase : VersionedCaseCommand, ICommand<CaseChanged>
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(1000, ErrorMessage = FieldRules.TooLong)]
    public string Reason { get; set; } = "";
}

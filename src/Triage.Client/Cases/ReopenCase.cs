using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>Brings a closed or dismissed case back: triaged when it was classified, else new; unassigned either way.</summary>
[AllowRoles(Role.Reviewer)]
public sealed class ReopenCase : VersionedCaseCommand, ICommand<CaseChanged>
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(1000, ErrorMessage = FieldRules.TooLong)]
    public string Reason { get; set; } = "";
}

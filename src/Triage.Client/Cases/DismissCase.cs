using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>Sets a case aside as needing nothing more (not misinformation, out of reach); a reason is kept in the audit trail.</summary>
[AllowRoles(Role.Reviewer)]
public sealed class DismissCase : VersionedCaseCommand, ICommand<CaseChanged>
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(1000, ErrorMessage = FieldRules.TooLong)]
    public string Reason { get; set; } = "";
}

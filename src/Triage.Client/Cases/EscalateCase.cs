using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>Hands a case up to the parent unit's Inbox when it is beyond the owning unit; the reason is kept in the audit trail.</summary>
[AllowRoles(Role.Reviewer)]
public sealed class EscalateCase : VersionedCaseCommand, ICommand<CaseChanged>
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(1000, ErrorMessage = FieldRules.TooLong)]
    public string Reason { get; set; } = "";
}

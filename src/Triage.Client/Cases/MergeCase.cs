using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>Folds this case (a duplicate) into another: its reports move there and it stays behind as merged.</summary>
[AllowRoles(Role.Reviewer)]
public sealed class MergeCase : VersionedCaseCommand, ICommand<CaseChanged>
{
    [Range(1, long.MaxValue, ErrorMessage = FieldRules.Required)]
    public long IntoCaseId { get; set; }
}

using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Retention;

/// <summary>
/// Sets how many days after a case is closed or dismissed its screenshots and its reporters' identities are erased
/// (0: never); null goes back to the configured period. Takes effect at the job's next pass.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed class SetRetention : ICommand<RetentionStatus>
{
    public const int MaxDays = 3650;

    [Range(0, MaxDays, ErrorMessage = FieldRules.OutOfRange)]
    public int? ClosedCaseDays { get; set; }
}

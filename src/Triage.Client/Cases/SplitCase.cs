using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>Takes one report that was grouped by mistake out of a case into a new case of its own.</summary>
[AllowRoles(Role.Reviewer)]
public sealed class SplitCase : VersionedCaseCommand, ICommand<CaseSplit>
{
    [Range(1, long.MaxValue, ErrorMessage = FieldRules.Required)]
    public long ReportId { get; set; }
}

/// <summary>The new case, and the source's version to send with its next write.</summary>
public sealed record CaseSplit(long CaseId, long SourceVersion);

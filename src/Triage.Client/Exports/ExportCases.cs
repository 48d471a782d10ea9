using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Exports;

/// <summary>
/// The cases first reported in the range and owned in the unit's subtree, oldest first, read one at a time
/// as <see cref="ExportRows{T}.Rows"/> is enumerated. Assignees are staff, but only their unit is given.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed record ExportCases : ExportFilter, IRequest<ExportRows<CaseExportRow>>;

/// <param name="AssigneeUnit">The code of the assignee's unit, when the case has an assignee.</param>
/// <param name="ClosedAt">When the case was closed or dismissed, as its audit trail says.</param>
/// <param name="FirstResponseUrl">Where the earliest published counter-message appeared.</param>
public sealed record CaseExportRow(
    long Id, string Status, string Title, string? Verdict, string? Category, long? Severity, long Priority, string OwnerUnit,
    long ReportCount, DateTimeOffset FirstReportedAt, DateTimeOffset LastReportedAt, string? AssigneeUnit, string? Outcome,
    DateTimeOffset? ClosedAt, string? FirstResponseUrl, DateTimeOffset? FirstResponseAt);

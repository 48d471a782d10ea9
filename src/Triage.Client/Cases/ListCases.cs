using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Cases;

/// <summary>The orders a queue can take; every one is a keyset over an index, never an OFFSET.</summary>
public enum CaseSort
{
    /// <summary>Highest priority score first (the default), then oldest first.</summary>
    Priority,

    /// <summary>Oldest first report first: what has waited longest.</summary>
    Age,

    /// <summary>Most reports first.</summary>
    Reports,

    /// <summary>Most recently reported first.</summary>
    Recent,

    /// <summary>Soonest pending SLA due time first (breached ones at the top), cases without one last.</summary>
    Sla,
}

/// <summary>
/// What a queue shows: the filters a reviewer sets and a saved view stores. Empty means "any";
/// an empty <see cref="Statuses"/> means the open statuses.
/// </summary>
public class CaseFilter
{
    public IReadOnlyList<CaseStatus>? Statuses { get; set; }

    /// <summary>Full-text search over the case's title and report texts, folded: "dau tranh" finds "đấu tranh".</summary>
    [StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string? Q { get; set; }

    /// <summary>Cases owned by this unit or below it; must lie in the caller's subtree.</summary>
    public long? UnitId { get; set; }

    public long? QueueId { get; set; }

    /// <summary>True: assigned to someone; false: nobody yet; null: either.</summary>
    public bool? Assigned { get; set; }

    [StringLength(32, ErrorMessage = FieldRules.TooLong)]
    public string? Platform { get; set; }

    [StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string? Category { get; set; }

    [StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string? Verdict { get; set; }

    [Range(1, 4, ErrorMessage = FieldRules.OutOfRange)]
    public int? Severity { get; set; }

    public CaseSort Sort { get; set; } = CaseSort.Priority;
}

/// <summary>
/// One page of the caller's queues: cases owned by the caller's unit or below it. The cursor is
/// opaque (the last row's sort key and id); a page never counts or skips rows.
/// </summary>
[AllowRoles(Role.Reviewer, Role.Responder, Role.Coordinator)]
public sealed class ListCases : CaseFilter, IRequest<CasePage>
{
    public const int MaxLimit = 200;

    [StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string? Cursor { get; set; }

    [Range(1, MaxLimit, ErrorMessage = FieldRules.OutOfRange)]
    public int Limit { get; set; } = 50;
}

public sealed record CasePage(IReadOnlyList<CaseSummary> Items, string? NextCursor);

/// <summary>A queue row: enough to decide what to open next, with the version a bulk action needs.</summary>
public sealed record CaseSummary(
    long Id,
    CaseStatus Status,
    long Version,
    string Title,
    string? Platform,
    int ReportCount,
    string? Verdict,
    string? Category,
    int? Severity,
    int Priority,
    UnitRef Unit,
    Person? Assignee,
    DateTimeOffset FirstReportedAt,
    DateTimeOffset LastReportedAt,
    Sla.SlaDue? Sla = null);

using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Client.Sla;
using Triage.Client.Units;

namespace Triage.Client.MyWork;

/// <summary>
/// The caller's own assignments still to answer or close (assigned, responded), soonest response due first,
/// cases without a pending due last, then by priority. A reviewer who also answers sees theirs too.
/// </summary>
[AllowRoles(Role.Responder, Role.Reviewer)]
public sealed record ListMyWork : IRequest<WorkList>
{
    public const int MaxLimit = 200;

    [Range(1, MaxLimit, ErrorMessage = FieldRules.OutOfRange)]
    public int Limit { get; init; } = 100;
}

/// <param name="More">More assignments exist than <see cref="ListMyWork.Limit"/>; the page says so rather than hiding them silently.</param>
public sealed record WorkList(IReadOnlyList<MyCase> Items, bool More);

/// <param name="Sla">The pending (first counter-message) due time with its state; null once responded or without a policy.</param>
/// <param name="Answer">How far the case's counter-messages have got: the most advanced one's status, null when none is drafted.</param>
public sealed record MyCase(
    long Id,
    string Title,
    CaseStatus Status,
    long Version,
    string? Verdict,
    string? Category,
    int? Severity,
    int Priority,
    UnitRef Unit,
    int ReportCount,
    SlaDue? Sla,
    ResponseStatus? Answer);

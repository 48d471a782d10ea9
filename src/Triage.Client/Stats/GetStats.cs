using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Stats;

/// <summary>
/// The dashboard's figures for a unit's subtree over a range of the desk's local days (both ends included).
/// Defaults: the last 30 days up to today, the caller's own unit.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed class GetStats : IRequest<DeskStats>, IValidatableObject
{
    public const int MaxDays = 366;

    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public long? UnitId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is { } from && To is { } to && from > to) yield return FieldRules.Error(StatsRules.FromAfterTo, nameof(From));
        else if (From is { } f && To is { } t && t.DayNumber - f.DayNumber >= MaxDays) yield return FieldRules.Error(StatsRules.RangeTooLong, nameof(To));
    }
}

public static class StatsRules
{
    public const string FromAfterTo = "Validation.Stats.FromAfterTo";
    public const string RangeTooLong = "Validation.Stats.RangeTooLong";
}

public sealed record DeskStats(
    DateOnly From,
    DateOnly To,
    UnitRef Unit,
    IReadOnlyList<DailyReports> ReportsPerDay,
    IReadOnlyList<ClassificationCount> CasesByClassification,
    IReadOnlyList<UnitFigures> ByUnit,
    IReadOnlyList<BacklogBucket> Backlog,
    Durations TimeToTriage,
    Durations TimeToFirstResponse,
    SlaCompliance Sla,
    IReadOnlyList<ResponderLoad> Workload,
    IReadOnlyList<Cluster> Clusters);

/// <summary>
/// Reports filed on a local day from a platform ("other" when none was named), and the cases they opened (a
/// report that matched no open case opens one; a split is not counted).
/// </summary>
public sealed record DailyReports(DateOnly Day, string Platform, int Reports, int NewCases);

/// <summary>Cases first reported in the range, by classification; null verdict and category: not classified yet.</summary>
public sealed record ClassificationCount(string? Category, string? Verdict, int Cases);

/// <summary>One child unit's subtree, or (<see cref="Direct"/>) what the unit holds itself.</summary>
public sealed record UnitFigures(UnitRef Unit, bool HasChildren, int Reports, int OpenCases, int BreachedOpenCases, DateTimeOffset? OldestWaiting)
{
    /// <summary>The unit's own cases and its own members' reports, outside any child.</summary>
    public bool Direct { get; init; }
}

/// <summary>Open cases now, by how long ago they were first reported.</summary>
public sealed record BacklogBucket(string Age, int Cases);

/// <summary>Hours from first report, over the cases that reached the step in the range.</summary>
public sealed record Durations(int Cases, double? MedianHours, double? P90Hours);

/// <summary>Cases whose due time fell in the range, and how many met it; the rest were breached.</summary>
public sealed record SlaCompliance(int TriageDue, int TriageMet, int ResponseDue, int ResponseMet);

public sealed record ResponderLoad(Person Responder, int OpenCases);

public sealed record Cluster(long CaseId, string Title, int Reports, CaseStatus Status);

public static class BacklogAges
{
    public static readonly IReadOnlyList<string> All = ["under_1d", "1_3d", "3_7d", "over_7d"];
}

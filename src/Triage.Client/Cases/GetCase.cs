using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Cases;

/// <summary>One case with its reports, for whoever may read it; reporters are named only to reviewers.</summary>
[AllowSignedIn]
public sealed record GetCase(long CaseId) : IRequest<CaseDetail>, ICaseRequest;

public sealed record CaseDetail(
    long Id,
    CaseStatus Status,
    long Version,
    string Title,
    int ReportCount,
    string? Verdict,
    string? Category,
    int? Severity,
    IReadOnlyList<string> DisarmTechniques,
    CasePriority Priority,
    UnitRef Unit,
    Person? Assignee,
    string? Outcome,
    long? MergedIntoCaseId,
    DateTimeOffset FirstReportedAt,
    IReadOnlyList<CaseReport> Reports)
{
    /// <summary>The reviewer's note with the classification; a reclassification replaces it, so the page starts from it.</summary>
    public string? ClassificationNote { get; init; }

    /// <summary>
    /// The caller is a reviewer of the owning unit or above it: the case's writes are theirs to make.
    /// A reader without it (a member, a responder, a reviewer of a reporter's unit) would get 403.
    /// </summary>
    public bool MayAct { get; init; }

    public DateTimeOffset LastReportedAt => Reports.Count == 0 ? FirstReportedAt : Reports.Max(r => r.SubmittedAt);

    /// <summary>What the transition table reads besides the status.</summary>
    public CaseFacts ToFacts() => new(Status, Classified: Verdict is not null, Outcome: Outcome);
}

/// <summary>
/// <see cref="Reporter"/> is null unless the caller may see who reported (DESIGN "Reporters are protected"):
/// reviewers of the units that read the case and admins see everyone, anyone else only themselves.
/// </summary>
public sealed record CaseReport(
    long Id,
    string? Url,
    string? CanonicalUrl,
    string? Platform,
    string? Text,
    string? Category,
    string? Note,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<string> Evidence,
    Person? Reporter);

public sealed record Person(long Id, string Email, string Name);

/// <summary>
/// A score anyone can recompute from its parts: <c>Score = Reports + Reach + Severity + Age + Boost</c>.
/// Reports: 5 per report, at most 50. Severity: 10 per level (an unclassified case counts as 2).
/// Age: 1 per hour since the first report, at most 48, and only while the case is open.
/// Reach: reports carry no view counts, so how far a post travelled is estimated from how widely it was
/// reported, never from who reported it: 4 per reporting unit beyond the first (distinct units whose members
/// reported the case) plus 4 per platform beyond the first (distinct platforms named on its reports), at most 20.
/// One unit on one platform is the ordinary case and adds nothing; a cap keeps a post seen everywhere from
/// outranking severity. Boost: what a routing rule added to the case, 0 to 100, taken as stored.
/// <see cref="ReporterUnits"/> and <see cref="Platforms"/> are the counts the reach was computed from, so the
/// page can say why without reading the reports again.
/// </summary>
public sealed record CasePriority(int Score, int Reports, int Reach, int Severity, int Age, int Boost)
{
    public const int PerReport = 5;
    public const int MaxReports = 50;
    public const int PerExtraUnit = 4;
    public const int PerExtraPlatform = 4;
    public const int MaxReach = 20;
    public const int PerSeverityLevel = 10;
    public const int UnclassifiedSeverity = 2;
    public const int MaxAgeHours = 48;
    public const int MaxBoost = 100;

    public int ReporterUnits { get; init; }
    public int Platforms { get; init; }

    public static CasePriority Of(int reportCount, int reporterUnits, int platforms, int? severity, TimeSpan age, bool open, int boost)
    {
        var reports = Math.Min(reportCount * PerReport, MaxReports);
        var reach = Math.Min(PerExtraUnit * Math.Max(0, reporterUnits - 1) + PerExtraPlatform * Math.Max(0, platforms - 1), MaxReach);
        var level = PerSeverityLevel * (severity ?? UnclassifiedSeverity);
        var hours = open ? (int)Math.Clamp(Math.Floor(age.TotalHours), 0, MaxAgeHours) : 0;
        return new CasePriority(reports + reach + level + hours + boost, reports, reach, level, hours, boost)
        {
            ReporterUnits = reporterUnits,
            Platforms = platforms,
        };
    }
}

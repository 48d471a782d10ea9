namespace Triage.Client.Cases;

/// <summary>Travels as a lower-case string ("new", "triaged", ...).</summary>
public enum CaseStatus
{
    New,
    Triaged,
    Assigned,
    Escalated,
    Responded,
    Closed,
    Dismissed,
    Merged,
}

public static class CaseStatuses
{
    /// <summary>Statuses in which a case still gathers new reports of its post or claim.</summary>
    public static readonly IReadOnlyList<CaseStatus> Open =
        [CaseStatus.New, CaseStatus.Triaged, CaseStatus.Assigned, CaseStatus.Escalated, CaseStatus.Responded];

    /// <summary>Final for grouping and for merge and split: every status that is not open.</summary>
    public static readonly IReadOnlyList<CaseStatus> Finished = Enum.GetValues<CaseStatus>().Except(Open).ToList();

    public static string Code(this CaseStatus status) => status.ToString().ToLowerInvariant();

    public static CaseStatus Parse(string code) => Enum.Parse<CaseStatus>(code, ignoreCase: true);
}

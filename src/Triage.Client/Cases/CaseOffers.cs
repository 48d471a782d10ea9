namespace Triage.Client.Cases;

/// <summary>
/// What the case page offers: the moves the transition table allows from the case's status, and only to
/// a caller who may act on it. The server checks the same table, so an action the page hides would be a 409.
/// </summary>
public static class CaseOffers
{
    /// <summary>A reviewer's actions; publishing and closing belong to the responses page.</summary>
    public static readonly IReadOnlyList<CaseAction> ReviewerActions =
    [
        CaseAction.Classification, CaseAction.Assignment, CaseAction.Escalation, CaseAction.Deescalation,
        CaseAction.Dismissal, CaseAction.Merge, CaseAction.Reopen,
    ];

    public static IReadOnlySet<CaseAction> For(CaseDetail c)
    {
        if (!c.MayAct) return new HashSet<CaseAction>();
        var facts = c.ToFacts();
        return ReviewerActions.Where(a => CaseTransitions.Allows(a, facts)).ToHashSet();
    }

    /// <summary>A split changes a case's reports, not its status: any open case with more than one report.</summary>
    public static bool MaySplit(CaseDetail c) => c.MayAct && CaseStatuses.Open.Contains(c.Status) && c.Reports.Count > 1;
}

namespace Triage.Client.Cases;

/// <summary>What a reviewer or responder does to a case; each is one row group in <see cref="CaseTransitions.Table"/>.</summary>
public enum CaseAction
{
    Classification,
    Assignment,
    Escalation,
    Deescalation,
    Dismissal,
    Merge,
    Publication,
    Close,
    Reopen,
}

/// <summary>What the next status may depend on besides the current one.</summary>
public sealed record CaseFacts(CaseStatus Status, bool Classified = false, CaseStatus? StatusBeforeEscalation = null, string? Outcome = null);

/// <summary>From any of <paramref name="From"/>, when <paramref name="When"/> holds, the action leads to <paramref name="To"/>.</summary>
public sealed record CaseTransition(CaseAction Action, IReadOnlySet<CaseStatus> From, Func<CaseFacts, CaseStatus> To, Func<CaseFacts, bool>? When = null);

/// <summary>
/// DESIGN.md "Case statuses and transitions", as the one table every case command consults and the
/// case page reads to offer only the actions the server would take. A move that no row allows is a
/// 409 and changes nothing.
/// </summary>
public static class CaseTransitions
{
    public const string NoResponseNeeded = "no_response_needed";

    public static readonly IReadOnlyList<CaseTransition> Table =
    [
        new(CaseAction.Classification, Set(CaseStatus.New, CaseStatus.Triaged, CaseStatus.Escalated, CaseStatus.Assigned),
            f => f.Status == CaseStatus.Assigned ? CaseStatus.Assigned : CaseStatus.Triaged),
        new(CaseAction.Assignment, Set(CaseStatus.Triaged, CaseStatus.Assigned), _ => CaseStatus.Assigned),
        new(CaseAction.Escalation, Set(CaseStatus.New, CaseStatus.Triaged, CaseStatus.Assigned), _ => CaseStatus.Escalated),
        new(CaseAction.Deescalation, Set(CaseStatus.Escalated), f => f.StatusBeforeEscalation ?? Unescalated(f)),
        new(CaseAction.Dismissal, Set(CaseStatus.New, CaseStatus.Triaged, CaseStatus.Escalated), _ => CaseStatus.Dismissed),
        new(CaseAction.Merge, Set(CaseStatus.New, CaseStatus.Triaged, CaseStatus.Assigned, CaseStatus.Escalated), _ => CaseStatus.Merged),
        new(CaseAction.Publication, Set(CaseStatus.Assigned, CaseStatus.Responded), _ => CaseStatus.Responded),
        new(CaseAction.Close, Set(CaseStatus.Responded), _ => CaseStatus.Closed),
        new(CaseAction.Close, Set(CaseStatus.Triaged, CaseStatus.Assigned), _ => CaseStatus.Closed, f => f.Outcome == NoResponseNeeded),
        new(CaseAction.Reopen, Set(CaseStatus.Closed, CaseStatus.Dismissed), Unescalated),
    ];

    public static bool TryNext(CaseAction action, CaseFacts facts, out CaseStatus to)
    {
        foreach (var row in Table)
        {
            if (row.Action != action || !row.From.Contains(facts.Status) || row.When?.Invoke(facts) == false) continue;
            to = row.To(facts);
            return true;
        }
        to = facts.Status;
        return false;
    }

    public static bool Allows(CaseAction action, CaseFacts facts) => TryNext(action, facts, out _);

    /// <summary>Where a case without a remembered status lands: triaged once classified, else new.</summary>
    private static CaseStatus Unescalated(CaseFacts f) => f.Classified ? CaseStatus.Triaged : CaseStatus.New;

    private static HashSet<CaseStatus> Set(params CaseStatus[] statuses) => [.. statuses];
}

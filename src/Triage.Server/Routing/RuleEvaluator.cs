using Triage.Client.Queue;

namespace Triage.Server.Routing;

/// <summary>What a rule is judged against: the case as it stands, its text folded as case_search holds it.</summary>
/// <param name="FoldedText">Title and report texts, search-folded, space-separated.</param>
public sealed record CaseFacts(
    long Id, long OwnerUnitId, string OwnerPath, string? Platform, string? Category, string? Verdict, int? Severity, int ReportCount,
    string FoldedText);

/// <summary>A rule as applying it needs it: conditions parsed, keywords already folded, paths resolved.</summary>
public sealed record LoadedRule(
    long Id, string Name, long UnitId, string UnitPath, int Position,
    IReadOnlySet<string>? Platforms, IReadOnlySet<string>? Categories, IReadOnlySet<string>? Verdicts, IReadOnlySet<int>? Severities,
    int? MinSeverity, IReadOnlyList<string>? Keywords, string? WithinPath, int? MinReports,
    long TargetQueueId, string TargetQueueName, long TargetUnitId, string TargetUnitPath, int PriorityBoost, AssignmentStrategy? Strategy);

/// <summary>
/// Decides which rule places a case, in memory and without I/O, so applying a hundred rules costs
/// microseconds once they are loaded (decision 0012).
/// </summary>
public static class RuleEvaluator
{
    /// <summary>The first rule of <paramref name="ordered"/> (nearest unit first, then by position) that applies.</summary>
    public static LoadedRule? FirstMatch(IEnumerable<LoadedRule> ordered, CaseFacts facts)
    {
        // Padding lets a keyword match whole words only: " lu " is in " mua lu ve " but not in " luong ".
        var text = " " + facts.FoldedText + " ";
        foreach (var rule in ordered)
            if (Reaches(rule, facts) && Matches(rule, facts, text)) return rule;
        return null;
    }

    /// <summary>
    /// A rule speaks for the cases of its own subtree only, and sends them only along the case's line
    /// (the owner, an ancestor, or a unit below it): a queue in a sibling branch could not read the case.
    /// </summary>
    public static bool Reaches(LoadedRule rule, CaseFacts facts) =>
        facts.OwnerPath.StartsWith(rule.UnitPath, StringComparison.Ordinal)
        && (facts.OwnerPath.StartsWith(rule.TargetUnitPath, StringComparison.Ordinal)
            || rule.TargetUnitPath.StartsWith(facts.OwnerPath, StringComparison.Ordinal));

    /// <summary>Every condition the rule has holds; <paramref name="paddedText"/> is the folded text with a space at each end.</summary>
    public static bool Matches(LoadedRule rule, CaseFacts facts, string paddedText)
    {
        if (rule.Platforms is { } platforms && (facts.Platform is null || !platforms.Contains(facts.Platform))) return false;
        if (rule.Categories is { } categories && (facts.Category is null || !categories.Contains(facts.Category))) return false;
        if (rule.Verdicts is { } verdicts && (facts.Verdict is null || !verdicts.Contains(facts.Verdict))) return false;
        if (rule.Severities is { } severities && (facts.Severity is not { } s || !severities.Contains(s))) return false;
        if (rule.MinSeverity is { } min && (facts.Severity is not { } severity || severity < min)) return false;
        if (rule.MinReports is { } reports && facts.ReportCount < reports) return false;
        if (rule.WithinPath is { } within && !facts.OwnerPath.StartsWith(within, StringComparison.Ordinal)) return false;
        if (rule.Keywords is { } keywords && !keywords.Any(k => paddedText.Contains(k, StringComparison.Ordinal))) return false;
        return true;
    }

    /// <summary>A keyword as it is stored for matching: search-folded and padded, or null when nothing of it survives folding.</summary>
    public static string? FoldKeyword(string keyword)
    {
        var folded = Search.SearchText.Fold(keyword);
        return folded.Length == 0 ? null : " " + folded + " ";
    }
}

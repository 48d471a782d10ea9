namespace Triage.Server.Search;

/// <summary>Turns folded text into an FTS5 query that cannot inject FTS syntax.</summary>
public static class FtsQuery
{
    /// <summary>Enough terms to find a claim; more only slows the query down.</summary>
    public const int MaxTerms = 48;

    /// <summary>Each distinct term quoted, OR-ed: BM25 then ranks the cases sharing the most, and rarest, terms.</summary>
    public static string? AnyOf(string folded)
    {
        var terms = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Length > 1 || char.IsDigit(t[0]))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
            .ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }
}

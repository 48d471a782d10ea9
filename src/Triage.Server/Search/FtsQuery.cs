using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Triage.Server.Search;

/// <summary>Turns folded text into a full-text query (FTS5's, or PostgreSQL's words) that cannot inject query syntax.</summary>
public static partial class FtsQuery
{
    /// <summary>Enough terms to find a claim; more only slows the query down.</summary>
    public const int MaxTerms = 48;

    // English function words and tweet residue (rt, amp, via, pic): they add little to BM25 and, being
    // in most cases, make the query read long posting lists. Contractions appear as their folded first part.
    private static readonly string[] English =
    [
        "about", "above", "after", "again", "against", "all", "am", "amp", "an", "and", "any", "are", "aren", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "cannot", "could",
        "couldn", "did", "didn", "do", "does", "doesn", "doing", "don", "down", "during", "each", "few", "for", "from",
        "further", "had", "hadn", "has", "hasn", "have", "haven", "having", "he", "her", "here", "hers", "herself", "him",
        "himself", "his", "how", "if", "in", "into", "is", "isn", "it", "its", "itself", "let", "ll", "me", "more", "most",
        "mustn", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "ought", "our",
        "ours", "ourselves", "out", "over", "own", "pic", "re", "rt", "same", "shan", "she", "should", "shouldn", "so",
        "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
        "this", "those", "through", "to", "too", "under", "until", "up", "ve", "very", "via", "was", "wasn", "we", "were",
        "weren", "what", "when", "where", "which", "while", "who", "whom", "why", "with", "won", "would", "wouldn", "you",
        "your", "yours", "yourself", "yourselves",
    ];

    // Folded Vietnamese is full of syllables spelled like English function words (the = thẻ, an = ăn,
    // me = mẹ, can = cần, ve = về): those are dropped only from texts that read as English.
    private static readonly FrozenSet<string> EnglishOnly = English.Where(w => !VietnameseSyllable().IsMatch(w)).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> AllEnglish = English.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Each distinct term quoted, OR-ed: BM25 then ranks the cases sharing the most, and rarest, terms.
    /// Null when nothing but function words is left.
    /// </summary>
    public static string? AnyOf(string folded, bool postgres = false)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stopwords = ReadsAsEnglish(words) ? AllEnglish : EnglishOnly;
        var terms = words
            .Where(t => (t.Length > 1 || char.IsDigit(t[0])) && !stopwords.Contains(t))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
        return Render(terms, " OR ", postgres);
    }

    /// <summary>
    /// Each distinct term quoted, all required: a queue filter narrows, so "dau tranh" keeps only cases
    /// holding both words. Function words stay: the reviewer typed them. Null when no term is left.
    /// </summary>
    public static string? AllOf(string folded, bool postgres = false)
    {
        var terms = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
        return Render(terms, " AND ", postgres);
    }

    /// <summary>
    /// FTS5: each term quoted, joined by the operator. PostgreSQL: the bare words, which plainto_tsquery reads as
    /// words whatever they hold; <see cref="Data.Dialect.TextMatch"/> says whether all or any must match.
    /// </summary>
    private static string? Render(List<string> terms, string joiner, bool postgres) =>
        terms.Count == 0 ? null
        : postgres ? string.Join(' ', terms)
        : string.Join(joiner, terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    // Two distinct English-only function words ("of", "with", "is") do not occur in Vietnamese.
    private static bool ReadsAsEnglish(string[] words)
    {
        string? first = null;
        foreach (var word in words)
        {
            if (!EnglishOnly.Contains(word) || word == first) continue;
            if (first is not null) return true;
            first = word;
        }
        return false;
    }

    // Onset, one to three vowels, a Vietnamese final: loose on purpose, a word it wrongly takes for
    // Vietnamese is merely kept in non-English texts.
    [GeneratedRegex("^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?$", RegexOptions.CultureInvariant)]
    private static partial Regex VietnameseSyllable();
}

using System.Runtime.InteropServices;

namespace Triage.Server.Search;

/// <summary>
/// Second opinion on the best BM25 candidates: cosine similarity of character 4-grams (spaces and
/// function words kept) between the query and each candidate, weighted by how few candidates share a
/// gram. BM25 sees whole stemmed words; the 4-grams also see word order, phrases, names run together
/// or split apart, and misspellings. See docs/decisions/0007-similar-case-ranking.md.
/// </summary>
public static class CandidateRanking
{
    /// <summary>Weight of the 4-gram cosine (0–1) against BM25 scaled to the best candidate's (0–1).</summary>
    public const double GramWeight = 4.0;

    /// <summary>Candidate text read for the second score; bounds its cost when a case gathers long reports.</summary>
    public const int MaxTextLength = 2000;

    private const int GramLength = 4;

    /// <param name="Bm25">FTS5 relevance made positive: higher is better.</param>
    public readonly record struct Candidate(long CaseId, double Bm25, string Text);

    /// <summary>The candidates with their combined scores, best first; equal scores keep the older case first.</summary>
    public static List<(long CaseId, double Score)> Rank(string foldedQuery, IReadOnlyList<Candidate> candidates)
    {
        if (candidates.Count == 0) return [];

        // Each distinct gram gets a dense number once, so that scoring runs on arrays, not hash lookups.
        var numbers = new Dictionary<ulong, int>();
        var frequency = new List<int>();
        var documents = new (int Gram, int Count)[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            var text = candidates[i].Text;
            var counted = Count(text.Length <= MaxTextLength ? text : text[..MaxTextLength]);
            var document = documents[i] = new (int, int)[counted.Length];
            for (var g = 0; g < counted.Length; g++)
            {
                ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, counted[g].Gram, out var seen);
                if (!seen)
                {
                    number = frequency.Count;
                    frequency.Add(0);
                }
                frequency[number]++;
                document[g] = (number, counted[g].Count);
            }
        }

        // The inverse frequency is taken among the candidates, not the whole index: grams every
        // candidate shares with the query (the topic) say nothing about which candidate it is,
        // and no corpus-wide table has to be kept fresh as cases arrive.
        var idf = new double[candidates.Count + 1];
        for (var df = 0; df <= candidates.Count; df++) idf[df] = Math.Log((candidates.Count + 1.0) / (1 + df));

        var query = new double[frequency.Count];
        var queryNorm = 0.0;
        foreach (var (gram, count) in Count(foldedQuery))
        {
            var shared = numbers.TryGetValue(gram, out var number);
            var weight = TermWeight(count) * idf[shared ? frequency[number] : 0];
            if (shared) query[number] = weight;
            queryNorm += weight * weight;
        }
        queryNorm = Math.Sqrt(queryNorm);

        var best = candidates.Max(c => c.Bm25);
        if (best <= 0) best = 1;
        var ranked = new List<(long CaseId, double Score)>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            double norm = 0, dot = 0;
            foreach (var (number, count) in documents[i])
            {
                var weight = TermWeight(count) * idf[frequency[number]];
                norm += weight * weight;
                dot += weight * query[number];
            }
            var cosine = dot > 0 ? dot / (queryNorm * Math.Sqrt(norm)) : 0;
            ranked.Add((candidates[i].CaseId, candidates[i].Bm25 / best + GramWeight * cosine));
        }
        // Claims fact-checked twice in the same words score the same: the older case is the one reviewers know.
        ranked.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.CaseId.CompareTo(b.CaseId));
        return ranked;
    }

    private static double TermWeight(int count) => count == 1 ? 1 : 1 + Math.Log(count);

    /// <summary>Distinct 4-grams (four UTF-16 units packed in a ulong) with their counts, in gram order.</summary>
    private static (ulong Gram, int Count)[] Count(string text)
    {
        if (text.Length < GramLength) return [];
        var grams = new ulong[text.Length - GramLength + 1];
        for (var i = 0; i < grams.Length; i++)
            grams[i] = ((ulong)text[i] << 48) | ((ulong)text[i + 1] << 32) | ((ulong)text[i + 2] << 16) | text[i + 3];
        Array.Sort(grams);
        var counted = new List<(ulong, int)>(grams.Length);
        for (var start = 0; start < grams.Length;)
        {
            var end = start + 1;
            while (end < grams.Length && grams[end] == grams[start]) end++;
            counted.Add((grams[start], end - start));
            start = end;
        }
        return [.. counted];
    }
}

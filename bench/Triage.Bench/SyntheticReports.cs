using System.Globalization;
using System.Text;

namespace Triage.Bench;

/// <summary>
/// Claims as random runs of common Vietnamese syllables, their links, and the retyped variants members
/// send (diacritics dropped, emoji added, a word lost): realistic work for the grouping lookups.
/// </summary>
public sealed class SyntheticReports(int seed)
{
    // Syllables built the way Vietnamese builds them (initial + rhyme + tone): about 7,800 of them, drawn
    // with a Zipf law like words in real posts, so unrelated claims share common words but not whole runs.
    private static readonly string[] Initials = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"];
    private static readonly string[] Rhymes = ["a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "e", "em", "en", "eo", "i", "ia", "im", "in", "inh", "it", "o", "oa", "oai", "oan", "oi", "om", "on", "ong", "ô", "ôi", "ôm", "ôn", "ông", "ơ", "ơi", "ơn", "u", "ua", "ui", "um", "un", "ung", "ư", "ưa", "ưi", "ưng", "ươi", "ương", "ươn", "yên", "uyên"];
    private static readonly string[] Tones = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"];

    private static readonly string[] Syllables =
        (from i in Initials from r in Rhymes from t in Tones select (i + r.Insert(1, t)).Normalize(NormalizationForm.FormC)).ToArray();

    /// <summary>Cumulative Zipf weights (s = 1.07) over a fixed shuffle of the syllables.</summary>
    private static readonly double[] Cumulative = BuildZipf();

    private static double[] BuildZipf()
    {
        new Random(1).Shuffle(Syllables);
        var weights = new double[Syllables.Length];
        double total = 0;
        for (var r = 0; r < weights.Length; r++) weights[r] = total += 1.0 / Math.Pow(r + 1, 1.07);
        for (var r = 0; r < weights.Length; r++) weights[r] /= total;
        return weights;
    }

    private static readonly string[] Emoji = ["😱", "‼️", "🙏", "👉", "🔥"];

    private readonly Random _random = new(seed);

    public string Claim(int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0) text.Append(' ');
            var rank = Array.BinarySearch(Cumulative, _random.NextDouble());
            text.Append(Syllables[rank < 0 ? Math.Min(~rank, Syllables.Length - 1) : rank]);
        }
        return text.ToString();
    }

    public static string Link(long claim) =>
        string.Create(CultureInfo.InvariantCulture, $"https://www.facebook.com/permalink.php?story_fbid={1_000_000_000 + claim}&id=100{claim % 9_999}");

    /// <summary>How a second member passes the same claim on: no diacritics, a lost word, an emoji.</summary>
    public string Retyped(string claim)
    {
        var words = claim.Split(' ').ToList();
        words.RemoveAt(_random.Next(words.Count));
        var plain = new string(string.Join(' ', words).Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray()).Replace('đ', 'd');
        return $"{plain} {Emoji[_random.Next(Emoji.Length)]}";
    }

    public int Next(int max) => _random.Next(max);
}

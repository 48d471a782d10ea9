using System.Text;
using System.Text.RegularExpressions;

namespace Triage.Server.Search;

/// <summary>
/// The form the similar-case index holds and is queried with: <see cref="TextFold.Fold"/> after undoing
/// what copying a post glues together. Only search sees it; near-duplicate signatures keep the plain
/// fold, whose stored values must not move.
/// </summary>
public static partial class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";

        // A copied tweet ends "…#Hanukkahpic.twitter.com/x" or "…clouds.https://t.co/x": the link
        // remover would take the word stuck to the link with it.
        var unglued = text.Contains("pic.twitter.com/", StringComparison.OrdinalIgnoreCase) || text.Contains("://", StringComparison.Ordinal)
            || text.Contains("www.", StringComparison.OrdinalIgnoreCase)
            ? GluedLink().Replace(text, " ")
            : text;

        // #AustralianFires and @NWSBirmingham are the words a claim spells apart (australian fires,
        // nws birmingham); folded whole they would match nothing.
        var split = unglued.Contains('#', StringComparison.Ordinal) || unglued.Contains('@', StringComparison.Ordinal)
            ? Tag().Replace(unglued, tag => " " + WordsOf(tag.Groups[1].Value) + " ")
            : unglued;
        return TextFold.Fold(split);
    }

    private static string WordsOf(string tag)
    {
        // Decomposed input puts marks between a lower-case and an upper-case letter.
        var composed = Ascii.IsValid(tag) ? tag : tag.Normalize(NormalizationForm.FormC);
        return WordBoundary().Replace(composed, " ").Replace('_', ' ');
    }

    [GeneratedRegex(@"(?<=[\p{L}\p{Nd}])(?=https?://|pic\.twitter\.com/|www\.)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GluedLink();

    [GeneratedRegex(@"[#@](\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    // tinNong → tin Nong, NWSBirmingham → NWS Birmingham, Trump2020 → Trump 2020.
    [GeneratedRegex(@"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{Nd})|(?<=\p{Nd})(?=\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex WordBoundary();
}

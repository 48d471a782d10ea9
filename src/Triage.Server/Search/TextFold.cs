using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Triage.Server.Search;

/// <summary>
/// The one normal form of free text for search and duplicate detection. The FTS index and every
/// query must see the same folding, so this is the only place it is defined.
/// </summary>
public static partial class TextFold
{
    // Members type Vietnamese with or without diacritics, paste posts with links and emoji, and
    // retype them with other spacing: the folded form keeps only what survives all of that.
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";

        // Links are removed before punctuation becomes spaces; afterwards their pieces would read as words.
        var withoutLinks = MayHoldLink(text) ? Link().Replace(text, " ") : text;

        // Compatibility decomposition also undoes the "𝐁𝐨𝐥𝐝" and full-width letters that posts use to
        // dodge filters, which canonical decomposition would leave as distinct letters.
        var decomposed = IsAscii(withoutLinks) ? withoutLinks : withoutLinks.Normalize(NormalizationForm.FormKD);

        // Folding never more than doubles the length: a rune is at most two chars, ß and æ become two letters.
        var capacity = decomposed.Length * 2;
        char[]? rented = null;
        var buffer = capacity <= 1024 ? stackalloc char[capacity] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var folded = new string(buffer[..FoldInto(decomposed, buffer)]);
            // Hangul and scripts whose marks stay were decomposed above; recomposing gives the same
            // code points whichever form the member's keyboard produced.
            return IsAscii(folded) ? folded : folded.Normalize(NormalizationForm.FormC);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static int FoldInto(string decomposed, Span<char> buffer)
    {
        var length = 0;
        var lastWasSeparator = true;
        var lastLetterKeepsMarks = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                // Accents on Latin, Greek and Cyrillic letters are diacritics; in Thai or Devanagari the
                // same category carries vowels, and dropping those would merge different words.
                if (!lastWasSeparator && lastLetterKeepsMarks)
                {
                    length += rune.EncodeToUtf16(buffer[length..]);
                }
                continue;
            }

            // Joiners, soft hyphens and zero-width spaces sit inside words (often to dodge filters)
            // and inside emoji sequences; none of them is a word break a reader would see.
            if (category == UnicodeCategory.Format) continue;

            if (Rune.IsLetter(rune) || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.SpacingCombiningMark)
            {
                var lower = Rune.ToLowerInvariant(rune);
                var replacement = LatinLetterWithoutDecomposition(lower.Value);
                if (replacement is not null)
                {
                    replacement.CopyTo(buffer[length..]);
                    length += replacement.Length;
                }
                else
                {
                    length += lower.EncodeToUtf16(buffer[length..]);
                }
                lastLetterKeepsMarks = category != UnicodeCategory.DecimalDigitNumber && !IsDiacriticScript(lower.Value);
                lastWasSeparator = false;
                continue;
            }

            if (!lastWasSeparator) buffer[length++] = ' ';
            lastWasSeparator = true;
        }

        return length > 0 && buffer[length - 1] == ' ' ? length - 1 : length;
    }

    private static bool IsDiacriticScript(int value) =>
        value < 0x0530 || (value >= 0x1D00 && value < 0x2000) || (value >= 0x2C60 && value < 0x2C80)
        || (value >= 0xA720 && value < 0xA800);

    // These letters carry their stroke or ligature in the code point itself, so no decomposition
    // reaches the plain letter; SQLite's unicode61 does not fold them either.
    private static string? LatinLetterWithoutDecomposition(int value) => value switch
    {
        'đ' or 'ð' => "d",
        'ø' => "o",
        'ł' => "l",
        'ħ' => "h",
        'ı' => "i",
        'ŧ' => "t",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ => null,
    };

    // Most reports carry no link; this spares them the regex.
    private static bool MayHoldLink(string text) =>
        text.Contains('/', StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase);

    private static bool IsAscii(string text) => Ascii.IsValid(text);

    // Scheme links, www. links, and bare host/path links such as bit.ly/3xYz that short-link services hand out.
    [GeneratedRegex(@"(?:[a-z][a-z0-9+.\-]*://|www\.)\S*|\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}/\S*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}

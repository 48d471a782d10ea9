using System.Globalization;

namespace Triage.Client.Taxonomy;

public static class TermLookup
{
    /// <summary>The term's label in the reader's language; an unknown code is shown as it is rather than hidden.</summary>
    public static string LabelOf(this IReadOnlyList<Term> terms, string? code) =>
        code is null ? "" : (terms is TermList list ? list.Find(code) : terms.FirstOrDefault(t => t.Code == code))?.Label(CultureInfo.CurrentUICulture.Name) ?? code;
}

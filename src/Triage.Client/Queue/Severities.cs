using Microsoft.Extensions.Localization;
using Triage.Client.Resources;
using Triage.Client.Taxonomy;

namespace Triage.Client.Queue;

/// <summary>Words for the 1-4 scale and for taxonomy codes, in the reader's language.</summary>
public static class Severities
{
    public static string Label(IStringLocalizer<Strings> l, int level) => level switch
    {
        1 => l["Queue.SeverityMinor"],
        2 => l["Queue.SeverityModerate"],
        3 => l["Queue.SeveritySerious"],
        4 => l["Queue.SeverityUrgent"],
        _ => level.ToString(System.Globalization.CultureInfo.CurrentCulture),
    };

    /// <summary>The term's label, or the bare code when the taxonomy no longer has it.</summary>
    public static string? Term(IReadOnlyList<Term>? terms, string? code) =>
        code is null ? null : terms?.FirstOrDefault(t => t.Code == code)?.Label(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? code;
}

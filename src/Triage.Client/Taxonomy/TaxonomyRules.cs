using System.Text.RegularExpressions;

namespace Triage.Client.Taxonomy;

/// <summary>The kinds an admin edits. Platforms are not among them: their codes are fixed by the API (DESIGN.md).</summary>
public enum TermKind
{
    Verdict,
    Category,
}

public static partial class TaxonomyRules
{
    public const string CodeShape = "Admin.Validation.TermCode";
    public const string CodeTaken = "Admin.Validation.TermCodeTaken";
    public const string OrderMismatch = "Admin.Validation.TermOrderMismatch";

    public const int MaxLabelLength = 100;

    public static string Code(this TermKind kind) => kind == TermKind.Verdict ? "verdict" : "category";

    /// <summary>Lower-case snake: the code is stored on cases and sent by integrations, so it stays plain ASCII.</summary>
    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}

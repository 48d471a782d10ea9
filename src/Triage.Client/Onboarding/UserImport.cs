namespace Triage.Client.Onboarding;

/// <summary>The CSV a coordinator imports users from: columns by header, UTF-8.</summary>
public static class UserImportFile
{
    public const int MaxRows = 100_000;
    public const int MaxBytes = 20 * 1024 * 1024;
    public static readonly IReadOnlyList<string> RequiredColumns = ["email", "name", "unit"];
    public static readonly IReadOnlyList<string> OptionalColumns = ["roles", "language"];

    /// <summary>How long an activation link stays usable.</summary>
    public static readonly TimeSpan ActivationLifetime = TimeSpan.FromDays(30);
}

/// <summary>One data line of the file (the header is line 1) and what is wrong with it, in the caller's language.</summary>
public sealed record ImportRow(int Line, bool Ok, IReadOnlyList<string> Errors);

/// <summary>A created user's one-time link to set their password; shown only in the answer that created it.</summary>
public sealed record Activation(long UserId, string Email, string Name, string Unit, string Path, DateTimeOffset ExpiresAt);

/// <summary>The answer to a dry run (nothing created) and to a commit (the valid rows created).</summary>
public sealed record UserImport(IReadOnlyList<ImportRow> Rows, int Valid, int Invalid, int Created, IReadOnlyList<Activation> Activations)
{
    private static readonly string[] LinkColumns = ["email", "name", "unit", "activation_link"];

    /// <summary>The activation links as the CSV a coordinator hands out: email, name, unit, link.</summary>
    public string ActivationsCsv(string baseUri) => Stats.FigureCsv.Text(LinkColumns, LinkRows(baseUri));

    /// <summary>The same file as an address the browser saves: the links never pass through another request.</summary>
    public string ActivationsDataUrl(string baseUri) => Stats.FigureCsv.DataUrl(LinkColumns, LinkRows(baseUri));

    private IEnumerable<IReadOnlyList<string>> LinkRows(string baseUri) =>
        Activations.Select(a => (IReadOnlyList<string>)[a.Email, a.Name, a.Unit, baseUri.TrimEnd('/') + a.Path]);
}

namespace Triage.Client.Library;

/// <summary>An approved message of the library, as search answers it.</summary>
/// <param name="Language">vi or en.</param>
/// <param name="Category">A category code of the taxonomy.</param>
/// <param name="Countermeasures">DISARM countermeasure IDs (C00042 ...), ordered.</param>
/// <param name="UsesOnSimilarCases">How often it was used on cases like the one searched for; 0 without a case.</param>
public sealed record LibraryMessage(
    long Id, string Title, string Text, string Language, string Category, string? Claim,
    IReadOnlyList<string> Countermeasures, long UsageCount, long UsesOnSimilarCases, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class LibraryLanguages
{
    public static readonly IReadOnlyList<string> All = ["vi", "en"];
}

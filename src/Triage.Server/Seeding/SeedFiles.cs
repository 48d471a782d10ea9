using System.Text.Json;

namespace Triage.Server.Seeding;

/// <summary>Reads the readable files of seeds/, copied beside the built server.</summary>
public static class SeedFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "seeds");

    /// <summary>Rows of a small comma-separated file with a header; the seed files hold no quoted commas.</summary>
    public static IEnumerable<Dictionary<string, string>> Csv(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, name)).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        var header = lines[0].Split(',');
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != header.Length)
                throw new InvalidDataException($"seeds/{name} line {i + 1} has {cells.Length} cells, expected {header.Length}.");
            yield return header.Zip(cells).ToDictionary(p => p.First, p => p.Second.Trim());
        }
    }

    public static TaxonomyFile Taxonomy() =>
        JsonSerializer.Deserialize<TaxonomyFile>(File.ReadAllText(Path.Combine(Directory, "taxonomy.json")), JsonSerializerOptions.Web)
        ?? throw new InvalidDataException("seeds/taxonomy.json is empty.");

    public sealed record TaxonomyFile(IReadOnlyList<TermRow> Verdicts, IReadOnlyList<TermRow> Categories, IReadOnlyList<TermRow> Platforms);

    public sealed record TermRow(string Code, string Vi, string En);
}

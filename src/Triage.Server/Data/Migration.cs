using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Triage.Server.Data;

/// <summary>One numbered, append-only schema step.</summary>
public sealed partial record Migration(int Id, string Name, string Sql)
{
    /// <summary>Line endings are normalised so a checkout with CRLF does not look edited.</summary>
    public string Checksum =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>The migrations embedded in this build for one provider, in order.</summary>
    public static IReadOnlyList<Migration> Embedded(string provider = "Sqlite")
    {
        var assembly = typeof(Migration).Assembly;
        var prefix = $"Migrations/{provider}/";
        var found = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = resource[prefix.Length..];
            var match = FileName().Match(file);
            if (!match.Success)
                throw new InvalidOperationException($"Migration file '{file}' must be named NNNN_name.sql.");
            found.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, Read(assembly, resource)));
        }
        var ordered = found.OrderBy(m => m.Id).ToList();
        if (ordered.Select(m => m.Id).Distinct().Count() != ordered.Count)
            throw new InvalidOperationException("Two migrations share a number.");
        return ordered;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}

using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Triage.Client.Pipeline;
using Triage.Client.Resources;

namespace Triage.Tests.Components;

public sealed partial class LocalizationTests
{
    private static readonly ResourceManager Resources = new("Triage.Client.Resources.Strings", typeof(Strings).Assembly);

    private static HashSet<string> Keys(string culture) =>
        Resources.GetResourceSet(culture.Length == 0 ? CultureInfo.InvariantCulture : new CultureInfo(culture), true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Triage.sln not found above the test output."), "src");
    }

    [Fact]
    public void English_and_Vietnamese_have_the_same_keys()
    {
        var english = Keys("");
        var vietnamese = Keys("vi");

        Assert.Empty(english.Except(vietnamese));
        Assert.Empty(vietnamese.Except(english));
    }

    [Fact]
    public void Every_key_the_code_asks_for_exists()
    {
        var keys = Keys("");
        var used = Directory.EnumerateFiles(SourceRoot(), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Concat(MessageKey().Matches(File.ReadAllText(f))).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(used.Count > 100, $"Only {used.Count} keys found: the scan is broken.");
        // Keys built from an enum name: every value must have its string.
        used.UnionWith(Roles.All.SelectMany(r => new[] { $"Role.{r}", $"Home.RoleIntro.{r}" }));
        used.UnionWith(Enum.GetNames<Triage.Client.Cases.CaseStatus>().Select(s => $"Status.{s}"));

        Assert.Empty(used.Except(keys).Order());
    }

    [Fact]
    public void Vietnamese_strings_are_not_left_in_english()
    {
        var english = Resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!;
        var vietnamese = Resources.GetResourceSet(new CultureInfo("vi"), true, false)!;
        // Proper names and codes may read the same in both languages.
        string[] same = ["App.Name", "Login.Email", "Users.Email",
            // MudBlazor's data-grid filter operators are mathematical signs in both languages.
            "MudDataGrid_EqualSign", "MudDataGrid_NotEqualSign", "MudDataGrid_GreaterThanSign",
            "MudDataGrid_GreaterThanOrEqualSign", "MudDataGrid_LessThanSign", "MudDataGrid_LessThanOrEqualSign"];

        var untranslated = Keys("").Where(k => !same.Contains(k) && english.GetString(k) == vietnamese.GetString(k)).Order().ToList();

        Assert.Empty(untranslated);
    }

    [Fact]
    public void Every_string_MudBlazor_shows_has_both_languages()
    {
        var mud = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudBlazor.MudButton).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, true, false)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        Assert.True(mud.Count > 100, $"Only {mud.Count} MudBlazor keys found: the lookup is broken.");

        Assert.Empty(mud.Except(Keys("")).Order());
        Assert.Empty(mud.Except(Keys("vi")).Order());
    }

    [GeneratedRegex("""(?:L|localizer|_localizer)\["((?:Validation|Conflict|[A-Z][A-Za-z]+)\.[A-Za-z.]+)"[\],]""")]
    private static partial Regex KeyUse();

    /// <summary>Validation and conflict keys are carried in string constants and exception codes.</summary>
    [GeneratedRegex("\"((?:Validation|Conflict)\\.[A-Za-z]+)\"")]
    private static partial Regex MessageKey();
}

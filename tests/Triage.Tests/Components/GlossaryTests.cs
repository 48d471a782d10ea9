using System.Globalization;
using System.Resources;
using Triage.Client.Resources;

namespace Triage.Tests.Components;

/// <summary>docs/glossary.md is the desk's vocabulary: its terms are the ones the Vietnamese pages use, and the wordings it rules out appear nowhere.</summary>
public sealed class GlossaryTests
{
    private sealed record Term(string English, IReadOnlyList<string> Vietnamese, IReadOnlyList<string> NotUsed);

    private static List<Term> Glossary()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Triage.sln not found above the test output."), "docs", "glossary.md");
        return File.ReadAllLines(path)
            .Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal) && !l.StartsWith("| English", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Select(c => new Term(c[1], Split(c[2], '/'), Split(c[3], ';')))
            .ToList();
    }

    private static string[] Split(string cell, char separator) =>
        cell.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<(string Key, string Text)> Vietnamese() =>
        new ResourceManager("Triage.Client.Resources.Strings", typeof(Strings).Assembly)
            .GetResourceSet(new CultureInfo("vi"), true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, ((string)e.Value!).ToLower(CultureInfo.GetCultureInfo("vi-VN"))))
            .ToList();

    [Fact]
    public void The_glossary_has_the_desks_core_terms()
    {
        var english = Glossary().Select(t => t.English).ToList();

        foreach (var term in new[] { "member (role)", "reviewer (role)", "responder (role)", "case", "report (what a member sends)", "counter-message", "verdict" })
            Assert.Contains(term, english);
    }

    [Fact]
    public void No_Vietnamese_string_uses_a_wording_the_glossary_rules_out()
    {
        var strings = Vietnamese();

        var found = Glossary()
            .SelectMany(t => t.NotUsed.SelectMany(avoid => strings
                .Where(s => s.Text.Contains(avoid.ToLower(CultureInfo.GetCultureInfo("vi-VN")), StringComparison.Ordinal))
                .Select(s => $"{s.Key}: \"{avoid}\" instead of \"{string.Join(" / ", t.Vietnamese)}\" ({t.English})")))
            .ToList();

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void Every_glossary_term_is_the_one_the_pages_use()
    {
        var strings = Vietnamese();

        var unused = Glossary()
            .SelectMany(t => t.Vietnamese.Where(v => !strings.Any(s => s.Text.Contains(v.ToLower(CultureInfo.GetCultureInfo("vi-VN")), StringComparison.Ordinal)))
                .Select(v => $"{t.English}: \"{v}\""))
            .ToList();

        Assert.True(unused.Count == 0, "glossary terms no page uses:\n" + string.Join("\n", unused));
    }
}

using System.Text.RegularExpressions;

namespace Triage.Tests.Security;

/// <summary>
/// Razor escapes whatever it renders unless told not to; these are the ways to tell it not to (and the script
/// equivalents). None is used, so user text can only ever reach a page as text. A future use needs an entry here
/// saying why its markup cannot come from a user.
/// </summary>
public sealed partial class RawMarkupTests
{
    /// <summary>"file" → why the markup it renders is the desk's own. Empty: no component renders raw markup.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal);

    private static IEnumerable<string> Offenders(string file, string source) =>
        RawMarkup().Matches(source).Select(m => $"{file}:{source[..m.Index].Count(c => c == '\n') + 1}: {m.Value}");

    [Fact]
    public void No_component_or_script_renders_raw_markup()
    {
        var offenders = SourceTree.Files(".razor", ".cs", ".cshtml", ".js")
            .Where(f => !Allowed.ContainsKey(f))
            .SelectMany(f => Offenders(f, SourceTree.Read(f)))
            .ToList();

        Assert.True(offenders.Count == 0, "Raw markup; render text instead, or add the file with a reason:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_allowed_file_still_uses_raw_markup_and_says_why()
    {
        Assert.All(Allowed, entry =>
        {
            Assert.NotEmpty(Offenders(entry.Key, SourceTree.Read(entry.Key)));
            Assert.False(string.IsNullOrWhiteSpace(entry.Value));
        });
    }

    [Theory]
    [InlineData("<div>@((MarkupString)report.Text)</div>")]
    [InlineData("var html = new MarkupString(comment);")]
    [InlineData("builder.AddMarkupContent(3, note);")]
    [InlineData("@Html.Raw(Model.Title)")]
    [InlineData("element.innerHTML = message;")]
    [InlineData("row.insertAdjacentHTML('beforeend', text);")]
    public void The_scan_recognises_each_way_to_write_raw_markup(string line)
    {
        Assert.NotEmpty(Offenders("sample", line));
    }

    [GeneratedRegex(@"MarkupString|AddMarkupContent|Html\.Raw|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(")]
    private static partial Regex RawMarkup();
}

using Triage.Client.Account;

namespace Triage.Client.Layout;

/// <summary>The shortcuts of every page (desk-keys.js): "g" then a letter opens a page the reader's roles use.</summary>
public static class DeskKeys
{
    public sealed record Shortcut(string Keys, string Action, string? Href, bool ForceLoad, Func<MyAccount, bool> Reaches);

    /// <summary>The same pages, for the same roles, as the navigation menu offers.</summary>
    public static readonly IReadOnlyList<Shortcut> All =
    [
        new("g s", "Shortcuts.Start", "/", false, _ => true),
        new("g q", "Shortcuts.Queue", "/queue", false, PageReach.Queue),
        new("g w", "Shortcuts.Work", "/work", false, PageReach.MyWork),
        // The report form is a plain page (no circuit): load it whole.
        new("g n", "Shortcuts.Report", "/reports/new", true, PageReach.Reports),
        new("g m", "Shortcuts.MyReports", "/reports/mine", false, PageReach.Reports),
        new("g h", "Shortcuts.Help", "/help", false, _ => true),
        new("?", "Shortcuts.List", null, false, _ => true),
    ];

    /// <summary>The letters that may follow "g", for the script: a letter no shortcut uses stays the page's.</summary>
    public static IReadOnlyList<string> Letters { get; } =
        All.Where(k => k.Keys.StartsWith("g ", StringComparison.Ordinal)).Select(k => k.Keys[2..]).ToList();

    public static IReadOnlyList<Shortcut> For(MyAccount? me) => me is null ? [] : All.Where(k => k.Reaches(me)).ToList();
}

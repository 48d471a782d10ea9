using System.Text.RegularExpressions;

namespace Triage.Tests.Components;

/// <summary>
/// Reads the client's components: every method that sends a destructive request (delete, revoke, dismiss, merge,
/// split, reset, end sessions, disable, retire) asks first in a dialog or offers undo in its toast. The list of
/// exceptions says why each one needs neither; a new destructive button fails here until it asks or is listed.
/// </summary>
public sealed partial class DestructiveActionScanTests
{
    /// <summary>File and method whose confirmation lives elsewhere, with the reason.</summary>
    private static readonly Dictionary<string, string> Exceptions = new()
    {
        ["CaseActions.razor:SendAsync"] = "runs inside ReasonDialog, which RunAsync opens: the reason and Confirm are the confirmation",
        ["DisableTwoFactorForm.razor:SubmitAsync"] = "the form asks for the reader's password before anything is sent",
        ["UserActions.razor:EnableAgainAsync"] = "this is the undo of a disable: it enables the account again",
    };

    [GeneratedRegex(@"new\s+(?:[A-Za-z]+\.)*(?<type>(?:Delete|Revoke|Dismiss|Disable|Merge|Split|Reset|Erase|Retire|Remove|Purge)[A-Za-z]*|End[A-Za-z]*Sessions|SetUserDisabled|SetTaxonomyTermRetired)\b")]
    private static partial Regex Destructive();

    [GeneratedRegex(@"^\s*(?:private|public|protected|internal)\s+(?:static\s+)?(?:async\s+)?[\w<>?,\s\[\]]+?\s+(?<name>\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex MethodStart();

    private static readonly string[] Asks = ["ShowMessageBoxAsync", "Dialogs.ShowAsync<", "L[\"Common.Undo\"]"];

    private static string ClientRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Triage.sln not found above the test output."), "src", "Triage.Client");
    }

    private sealed record Sender(string File, string Method, string Type, bool AsksOrUndoes);

    private static List<Sender> Senders()
    {
        var found = new List<Sender>();
        foreach (var path in Directory.EnumerateFiles(ClientRoot(), "*.razor", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(path);
            var starts = MethodStart().Matches(text).Select(m => (m.Index, Name: m.Groups["name"].Value)).ToList();
            foreach (Match use in Destructive().Matches(text))
            {
                var start = starts.LastOrDefault(s => s.Index < use.Index);
                if (start.Name is null) continue;
                var end = starts.FirstOrDefault(s => s.Index > use.Index).Index;
                var body = text[start.Index..(end > 0 ? end : text.Length)];
                found.Add(new Sender(Path.GetFileName(path), start.Name, use.Groups["type"].Value, Asks.Any(body.Contains)));
            }
        }
        return found;
    }

    [Fact]
    public void Every_destructive_request_a_component_sends_is_confirmed_first_or_offers_undo()
    {
        var senders = Senders();

        var unasked = senders.Where(s => !s.AsksOrUndoes && !Exceptions.ContainsKey($"{s.File}:{s.Method}"))
            .Select(s => $"{s.File}:{s.Method} sends {s.Type}").ToList();

        Assert.Empty(unasked);
        // The scan must see the actions it guards, or it proves nothing.
        Assert.Contains(senders, s => s is { File: "InvitesPanel.razor", Type: "RevokeInvite", AsksOrUndoes: true });
        Assert.Contains(senders, s => s is { File: "SlaPolicyEditor.razor", Type: "DeleteSlaPolicy", AsksOrUndoes: true });
        Assert.Contains(senders, s => s is { File: "UserActions.razor", Type: "ResetTwoFactor", AsksOrUndoes: true });
        Assert.True(senders.Count >= 15, $"only {senders.Count} destructive requests found");
    }

    [Fact]
    public void Every_listed_exception_still_exists()
    {
        var senders = Senders().Select(s => $"{s.File}:{s.Method}").ToHashSet();

        Assert.All(Exceptions.Keys, key => Assert.Contains(key, senders));
    }
}

using Triage.Client.Pipeline;

namespace Triage.Client.Help;

/// <summary>The help page's sections, one per role, each a title and its paragraphs (resource keys).</summary>
public static class HelpSections
{
    public sealed record Section(Role Role, string Title, IReadOnlyList<string> Paragraphs);

    public static readonly IReadOnlyList<Section> All =
    [
        new(Role.Member, "Help.Member.Title", ["Help.Member.Report", "Help.Member.Share", "Help.Member.HomeScreen", "Help.Member.Follow"]),
        new(Role.Reviewer, "Help.Reviewer.Title", ["Help.Reviewer.Queue", "Help.Reviewer.Claim", "Help.Reviewer.Classify", "Help.Reviewer.Merge", "Help.Reviewer.Route"]),
        new(Role.Responder, "Help.Responder.Title", ["Help.Responder.Work", "Help.Responder.Respond", "Help.Responder.Publish", "Help.Responder.Reach"]),
        new(Role.Coordinator, "Help.Coordinator.Title", ["Help.Coordinator.Routing", "Help.Coordinator.Units", "Help.Coordinator.Dashboard", "Help.Coordinator.Sla"]),
        new(Role.Admin, "Help.Admin.Title", ["Help.Admin.Users", "Help.Admin.Taxonomy", "Help.Admin.Settings", "Help.Admin.Audit"]),
    ];

    /// <summary>The sections of the work the reader may do: an admin may do everything, so reads everything.</summary>
    public static IReadOnlyList<Section> For(Account.MyAccount me) => All.Where(s => me.Has(s.Role)).ToList();
}

using Bunit;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Layout;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Routing;

/// <summary>Where routing shows outside its page: the timeline line and the menu link.</summary>
public sealed class RoutingComponentTests
{
    private static TimelineEntry Entry(string action, Dictionary<string, string> details) =>
        new(1, new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.Zero), action, null, details);

    [Fact]
    public async Task The_timeline_says_which_rule_placed_the_case_in_which_queue()
    {
        await using var ctx = ComponentContext.Create("en-US");
        ComponentContext.UseCulture("en-US");

        var timeline = ctx.Render<CaseTimeline>(p => p.Add(t => t.Entries, [
            Entry("SubmitReport", new() { ["routedQueue"] = "Y tế", ["routedQueueId"] = "9", ["routedRule"] = "Vắc-xin", ["routedRuleId"] = "3" }),
            Entry("ClassifyCase", new() { ["from"] = "new", ["to"] = "triaged", ["routedQueue"] = "Y tế", ["routedRule"] = "Y tế khẩn", ["priorityBoost"] = "25" }),
            Entry("ClassifyCase", new() { ["routedQueue"] = "Inbox", ["routedQueueId"] = "2" }),
        ]));

        var lines = timeline.FindAll("[data-testid=timeline-entry]").Select(e => e.TextContent).ToList();
        Assert.Contains("Placed in queue Y tế by rule “Vắc-xin”", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("routedRuleId", lines[0], StringComparison.Ordinal);
        Assert.Contains("Placed in queue Y tế by rule “Y tế khẩn”, priority +25", lines[1], StringComparison.Ordinal);
        Assert.Contains("Back in queue Inbox: no routing rule matched", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_line_speaks_vietnamese()
    {
        await using var ctx = ComponentContext.Create("vi-VN");
        ComponentContext.UseCulture("vi-VN");

        var timeline = ctx.Render<CaseTimeline>(p => p.Add(t => t.Entries, [Entry("SubmitReport", new() { ["routedQueue"] = "Y tế", ["routedRule"] = "Vắc-xin" })]));

        Assert.Contains("Được đưa vào hàng đợi Y tế theo quy tắc “Vắc-xin”", timeline.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Coordinator, true)]
    [InlineData(Role.Admin, true)]
    [InlineData(Role.Reviewer, false)]
    public async Task Coordinators_and_admins_find_routing_in_the_menu(Role role, bool shown)
    {
        await using var ctx = ComponentContext.Create("en-US");

        var menu = ctx.Render<NavMenu>(p => p.Add(m => m.Me, new MyAccount(1, "x@demo.local", "Người dùng", [role], new UnitRef(1, "P", "Tỉnh"))));

        Assert.Equal(shown, menu.Markup.Contains("href=\"/routing\"", StringComparison.Ordinal));
    }
}

using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Live;
using Triage.Client.Pipeline;
using static Triage.Tests.Components.CaseViewData;

namespace Triage.Tests.Components;

/// <summary>The case page while others look at and change the same case.</summary>
public sealed class CaseLiveTests
{
    private static readonly Viewer Minh = new(8, "Trần Văn Minh");
    private static readonly Viewer Hanh = new(OtherReviewer.Id, OtherReviewer.Name);

    private static BunitContext Context(FakeMediator mediator) => ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(mediator));

    private static IRenderedComponent<CaseViewHost> Open(BunitContext ctx) =>
        ctx.Render<CaseViewHost>(p => p.Add(h => h.CaseId, CaseId).Add(h => h.Me, Account(Role.Reviewer)));

    private static string Viewers(IRenderedComponent<CaseViewHost> cut) => cut.Find("[data-testid=case-viewers]").TextContent.Trim();

    private static CaseChangedEvent Changed(long version) => new(CaseId, version, "/1/2/", ["/1/2/5/"]);

    [Fact]
    public async Task The_page_lists_who_else_is_viewing_once_each_and_follows_them_coming_and_going()
    {
        await using var ctx = Context(Mediator(() => Case()));
        ComponentContext.UseCulture("en-US");
        var presence = ctx.Services.GetRequiredService<ICasePresence>();
        using var minhTab1 = presence.Join(CaseId, Minh);
        using var minhTab2 = presence.Join(CaseId, Minh);
        using var elsewhere = presence.Join(CaseId + 1, Hanh);

        var cut = Open(ctx);

        cut.WaitForAssertion(() => Assert.Equal("Also viewing: Trần Văn Minh", Viewers(cut)));
        Assert.Equal("polite", cut.Find("[data-testid=case-viewers]").GetAttribute("aria-live"));
        Assert.Contains(presence.Viewers(CaseId), v => v.UserId == Reviewer.Id);

        var hanh = presence.Join(CaseId, Hanh);
        cut.WaitForAssertion(() => Assert.Equal("Also viewing: Trần Văn Minh, Đỗ Thị Hạnh", Viewers(cut)));
        hanh.Dispose();
        minhTab1.Dispose();
        cut.WaitForAssertion(() => Assert.Equal("Also viewing: Trần Văn Minh", Viewers(cut)));
        minhTab2.Dispose();
        cut.WaitForAssertion(() => Assert.Equal("", Viewers(cut)));
    }

    [Fact]
    public async Task Closing_the_page_leaves_the_case_and_stops_listening()
    {
        await using var ctx = Context(Mediator(() => Case()));
        var presence = ctx.Services.GetRequiredService<ICasePresence>();
        var bus = ctx.Services.GetRequiredService<ManualLiveBus>();
        var cut = Open(ctx);
        cut.WaitForAssertion(() => Assert.Single(presence.Viewers(CaseId)));

        await ctx.DisposeComponentsAsync();

        Assert.Empty(presence.Viewers(CaseId));
        Assert.Equal(0, bus.SubscriberCount);
    }

    [Fact]
    public async Task A_change_made_elsewhere_is_shown_without_a_reload()
    {
        var current = Case(CaseStatus.New, version: 3);
        var mediator = Mediator(() => current);
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var bus = ctx.Services.GetRequiredService<ManualLiveBus>();
        var cut = Open(ctx);
        cut.WaitForAssertion(() => Assert.Contains("Received", cut.Find("[data-testid=case-status]").TextContent));

        current = Case(CaseStatus.Triaged, version: 4, verdict: "false", severity: 2);
        await bus.PublishAsync(Changed(4));

        cut.WaitForAssertion(() => Assert.DoesNotContain("Received", cut.Find("[data-testid=case-status]").TextContent));
        Assert.Equal(2, mediator.SentOf<GetCase>().Count());
        Assert.Empty(cut.FindAll("[data-testid=case-changed-elsewhere]"));

        // A write that leaves the version alone (a comment) reloads only the timeline and comments.
        var timelines = mediator.SentOf<GetCaseActivity>().Count();
        await bus.PublishAsync(Changed(4));
        cut.WaitForAssertion(() => Assert.Equal(timelines + 1, mediator.SentOf<GetCaseActivity>().Count()));
        Assert.Equal(2, mediator.SentOf<GetCase>().Count());
    }

    [Fact]
    public async Task Unsaved_classification_input_is_kept_and_a_banner_says_the_case_changed()
    {
        var current = Case(CaseStatus.Triaged, version: 3, verdict: "false");
        var mediator = Mediator(() => current);
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var bus = ctx.Services.GetRequiredService<ManualLiveBus>();
        var cut = Open(ctx);
        cut.WaitForElement("[data-testid=classification-note]").Change("Đang viết dở");

        current = Case(CaseStatus.Triaged, version: 4, verdict: "misleading", note: "Ghi chú của người khác");
        await bus.PublishAsync(Changed(4));

        cut.WaitForAssertion(() => Assert.Contains("Someone else changed this case", cut.Find("[data-testid=case-changed-elsewhere]").TextContent));
        Assert.Single(mediator.SentOf<GetCase>());
        Assert.Equal("Đang viết dở", cut.Find("[data-testid=classification-note]").GetAttribute("value"));

        cut.Find("[data-testid=case-show-latest]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=case-changed-elsewhere]")));
        Assert.Equal("Ghi chú của người khác", cut.Find("[data-testid=classification-note]").GetAttribute("value"));
    }
}

using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Live;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Units;
using static Triage.Tests.Components.QueueMediator;

namespace Triage.Tests.Components;

/// <summary>The queue page while cases change elsewhere: it reloads the page it shows, once per burst, and says so.</summary>
public sealed class QueueLiveTests
{
    /// <summary>The reader works in district D1 (unit 2) of province P (unit 1).</summary>
    private static MyAccount Account() => new(7, "reviewer@demo.local", "Lê Văn Thẩm", [Role.Reviewer], new UnitRef(2, "D1", "Quận 1"));

    private static CaseChangedEvent InD1(long caseId, long version = 4) => new(caseId, version, "/1/2/", ["/1/2/5/"]);

    private sealed record Queue(IRenderedComponent<QueuePage> Page, IRenderedComponent<MudDialogProvider> Dialogs, ManualLiveBus Bus, FakeTimeProvider Clock);

    private static Queue RenderQueue(BunitContext ctx)
    {
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<QueuePage>(p => p.AddCascadingValue(Account()));
        return new Queue(page, dialogs, ctx.Services.GetRequiredService<ManualLiveBus>(), ctx.Services.GetRequiredService<FakeTimeProvider>());
    }

    private static BunitContext Context(QueueMediator mediator) => ComponentContext.Create("en-US", s =>
    {
        s.AddSingleton<IMediator>(mediator);
        s.AddSupplyValueFromQueryProvider();
        s.AddSingleton(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero)));
        s.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<FakeTimeProvider>());
    });

    private static Task Press(Queue queue, string key) =>
        queue.Page.InvokeAsync(() => queue.Page.FindComponent<QueueShortcuts>().Instance.OnShortcut(key));

    private static string Announcement(Queue queue) => queue.Page.Find("[data-testid=queue-live]").TextContent.Trim();

    [Fact]
    public async Task A_change_in_the_readers_units_reloads_the_shown_page_after_a_short_delay_keeping_the_current_case()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = new CasePage([Case(11, "Một"), Case(12, "Hai")], "c2");
        mediator.Pages["c2"] = new CasePage([Case(21, "Ba"), Case(22, "Bốn")], null);
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Equal(2, queue.Page.FindAll("[data-case-link]").Count));
        queue.Page.Find("[data-testid=queue-next]").Click();
        queue.Page.WaitForAssertion(() => Assert.NotNull(queue.Page.Find("[data-case-link='21']")));
        await Press(queue, "j");
        await Press(queue, "j");
        var asked = mediator.Listed.Count();

        // Case 22 moved to the top of the second page and a new case arrived.
        mediator.Pages["c2"] = new CasePage([Case(23, "Năm"), Case(22, "Bốn", version: 4), Case(21, "Ba")], null);
        await queue.Bus.PublishAsync(InD1(23, 1));

        Assert.Equal(asked, mediator.Listed.Count());
        queue.Clock.Advance(QueuePage.LiveDelay);

        queue.Page.WaitForAssertion(() => Assert.NotNull(queue.Page.Find("[data-case-link='23']")));
        Assert.Equal(asked + 1, mediator.Listed.Count());
        Assert.Equal("c2", mediator.Listed.Last().Cursor);
        Assert.Equal("true", queue.Page.Find("[data-case-link='22']").GetAttribute("aria-current"));
        Assert.Equal("The queue was updated; cases changed: 1.", Announcement(queue));
        Assert.Equal("polite", queue.Page.Find("[data-testid=queue-live]").GetAttribute("aria-live"));
    }

    [Fact]
    public async Task A_burst_of_changes_costs_one_reload()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = new CasePage([Case(11, "Một"), Case(12, "Hai")], null);
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Equal(2, queue.Page.FindAll("[data-case-link]").Count));

        await queue.Bus.PublishAsync(InD1(11));
        await queue.Bus.PublishAsync(InD1(12));
        await queue.Bus.PublishAsync(InD1(11, 5));
        queue.Clock.Advance(QueuePage.LiveDelay);

        queue.Page.WaitForAssertion(() => Assert.Equal("The queue was updated; cases changed: 2.", Announcement(queue)));
        queue.Clock.Advance(QueuePage.LiveDelay);
        Assert.Equal(2, mediator.Listed.Count());
    }

    [Fact]
    public async Task A_change_elsewhere_in_the_tree_is_not_asked_for()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = new CasePage([Case(11, "Một")], null);
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Single(queue.Page.FindAll("[data-case-link]")));

        // Owned and reported in district D2 (unit 3): never in a D1 reader's queue.
        await queue.Bus.PublishAsync(new CaseChangedEvent(31, 2, "/1/3/", ["/1/3/8/"]));
        queue.Clock.Advance(QueuePage.LiveDelay);

        Assert.Single(mediator.Listed);
        Assert.Equal("", Announcement(queue));
    }

    [Fact]
    public async Task No_reload_while_a_bulk_form_is_open_the_change_is_shown_when_it_closes()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = new CasePage([Case(51, "Một", version: 6)], null);
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Single(queue.Page.FindAll("[data-case-link]")));
        await Press(queue, "j");
        var pressing = Press(queue, "c");
        queue.Dialogs.WaitForAssertion(() => Assert.Contains("Classify case #51", queue.Dialogs.Markup));

        await queue.Bus.PublishAsync(InD1(51, 7));
        queue.Clock.Advance(QueuePage.LiveDelay);
        Assert.Single(mediator.Listed);

        queue.Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        await pressing;

        queue.Page.WaitForAssertion(() => Assert.Equal("The queue was updated; cases changed: 1.", Announcement(queue)));
        Assert.Equal(2, mediator.Listed.Count());
    }

    [Fact]
    public async Task Leaving_the_page_ends_its_subscription()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = new CasePage([Case(11, "Một")], null);
        await using var ctx = Context(mediator);
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Single(queue.Page.FindAll("[data-case-link]")));
        Assert.Equal(1, queue.Bus.SubscriberCount);

        await ctx.DisposeComponentsAsync();

        Assert.Equal(0, queue.Bus.SubscriberCount);
    }
}

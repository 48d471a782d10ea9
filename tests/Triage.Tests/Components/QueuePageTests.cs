using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Layout;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Units;
using static Triage.Tests.Components.QueueMediator;

namespace Triage.Tests.Components;

/// <summary>The queue page over a fake desk: what it shows, what it asks, and what the keys do.</summary>
public sealed class QueuePageTests
{
    private static MyAccount Account(params Role[] roles) => new(7, "reviewer@demo.local", "Lê Văn Thẩm", roles, new UnitRef(2, "D1", "Quận 1"));

    private static BunitContext Context(QueueMediator mediator, string culture = "en-US")
    {
        var ctx = ComponentContext.Create(culture, s =>
        {
            s.AddSingleton<IMediator>(mediator);
            s.AddSupplyValueFromQueryProvider();
        });
        // The page runs in a circuit; its shortcuts attach only there.
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }

    private sealed record Queue(IRenderedComponent<QueuePage> Page, IRenderedComponent<MudDialogProvider> Dialogs);

    private static Queue RenderQueue(BunitContext ctx, params Role[] roles)
    {
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<QueuePage>(p => p.AddCascadingValue(Account(roles.Length == 0 ? [Role.Reviewer] : roles)));
        return new Queue(page, dialogs);
    }

    private static CasePage Page(string? next, params CaseSummary[] items) => new(items, next);

    private static Task Press(Queue queue, string key) =>
        queue.Page.InvokeAsync(() => queue.Page.FindComponent<QueueShortcuts>().Instance.OnShortcut(key));

    [Fact]
    public async Task The_grid_shows_each_case_with_its_link_status_classification_and_local_time()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page(null, Case(11, "Tin giả về vắc-xin sởi", verdict: "false"), Case(12, "Cuộc đấu tranh ở xã bên"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");

        var queue = RenderQueue(ctx);

        queue.Page.WaitForAssertion(() => Assert.Equal(2, queue.Page.FindAll("[data-case-link]").Count));
        var first = queue.Page.Find("[data-case-link='11']");
        Assert.Equal("/cases/11", first.GetAttribute("href"));
        Assert.Contains("Tin giả về vắc-xin sởi", first.TextContent);
        var row = first.Closest("tr")!;
        Assert.Contains("False · Health", row.TextContent);
        Assert.Contains("Received", row.QuerySelector("[data-testid=case-status]")!.TextContent);
        // 01:30 UTC is 08:30 in Ho Chi Minh City.
        Assert.Contains("11/26/2026 8:30", row.TextContent);
        Assert.Contains("Not classified", queue.Page.Find("[data-case-link='12']").Closest("tr")!.TextContent);
        Assert.Null(mediator.Listed.Single().Cursor);
        Assert.Equal(CaseSort.Priority, mediator.Listed.Single().Sort);
    }

    [Fact]
    public async Task The_grid_speaks_vietnamese_with_the_taxonomy_labels_in_vietnamese()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page(null, Case(11, "Tin giả về vắc-xin sởi", verdict: "false"));
        await using var ctx = Context(mediator, "vi-VN");
        ComponentContext.UseCulture("vi-VN");

        var queue = RenderQueue(ctx);

        queue.Page.WaitForAssertion(() => Assert.Contains("Sai sự thật · Y tế, sức khỏe", queue.Page.Markup));
        Assert.Contains("Đã tiếp nhận", queue.Page.Markup);
        Assert.Contains("Hàng đợi thẩm định", queue.Page.Markup);
        Assert.DoesNotContain("Review queue", queue.Page.Markup);
    }

    [Fact]
    public async Task Next_sends_the_cursor_of_the_page_shown_and_previous_goes_back_to_the_cursor_before()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page("after-1", Case(1, "Trang một"));
        mediator.Pages["after-1"] = Page("after-2", Case(2, "Trang hai"));
        mediator.Pages["after-2"] = Page(null, Case(3, "Trang ba"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Contains("Trang một", queue.Page.Markup));
        Assert.True(queue.Page.Find("[data-testid=queue-previous]").HasAttribute("disabled"));

        queue.Page.Find("[data-testid=queue-next]").Click();
        queue.Page.WaitForAssertion(() => Assert.Contains("Trang hai", queue.Page.Markup));
        queue.Page.Find("[data-testid=queue-next]").Click();
        queue.Page.WaitForAssertion(() => Assert.Contains("Trang ba", queue.Page.Markup));
        Assert.True(queue.Page.Find("[data-testid=queue-next]").HasAttribute("disabled"));
        Assert.Contains("Page 3", queue.Page.Find("[data-testid=queue-page]").TextContent);

        queue.Page.Find("[data-testid=queue-previous]").Click();
        queue.Page.WaitForAssertion(() => Assert.Contains("Trang hai", queue.Page.Markup));
        queue.Page.Find("[data-testid=queue-previous]").Click();
        queue.Page.WaitForAssertion(() => Assert.Contains("Trang một", queue.Page.Markup));

        Assert.Equal([null, "after-1", "after-2", "after-1", null], mediator.Listed.Select(l => l.Cursor));
        Assert.True(queue.Page.Find("[data-testid=queue-previous]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Typing_in_the_search_box_sends_q_from_the_first_page_and_puts_it_in_the_url()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page("after-1", Case(1, "Cuộc đấu tranh"));
        mediator.Pages["after-1"] = Page(null, Case(2, "Trang hai"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Contains("Cuộc đấu tranh", queue.Page.Markup));
        queue.Page.Find("[data-testid=queue-next]").Click();
        queue.Page.WaitForAssertion(() => Assert.Contains("Trang hai", queue.Page.Markup));

        queue.Page.Find("#queue-search").Input("dau tranh");

        queue.Page.WaitForAssertion(() => Assert.Equal("dau tranh", mediator.Listed.Last().Q), TimeSpan.FromSeconds(5));
        Assert.Null(mediator.Listed.Last().Cursor);
        Assert.Contains("q=dau%20tranh", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Filters_in_the_url_are_the_filters_the_page_asks_with()
    {
        var mediator = new QueueMediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/queue?status=triaged&status=assigned&verdict=false&assigned=no&sort=age&severity=3");

        var queue = RenderQueue(ctx);

        queue.Page.WaitForAssertion(() => Assert.Single(mediator.Listed));
        var asked = mediator.Listed.Single();
        Assert.Equal([CaseStatus.Triaged, CaseStatus.Assigned], asked.Statuses);
        Assert.Equal("false", asked.Verdict);
        Assert.False(asked.Assigned);
        Assert.Equal(CaseSort.Age, asked.Sort);
        Assert.Equal(3, asked.Severity);
    }

    [Fact]
    public async Task A_queue_opened_without_an_order_is_listed_in_its_own_order_and_an_order_in_the_url_wins()
    {
        var mediator = new QueueMediator();
        mediator.Queues.Add(new QueueInfo(41, "Health", new UnitRef(2, "D1", "Quận 1"), false, AssignmentStrategy.Manual, null, 3, QueueOrder.Sla));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/queue?queue=41");

        var queue = RenderQueue(ctx);

        queue.Page.WaitForAssertion(() => Assert.Single(mediator.Listed));
        Assert.Equal((41L, CaseSort.Sla), (mediator.Listed.Single().QueueId, mediator.Listed.Single().Sort));

        navigation.NavigateTo("/queue?queue=41&sort=age");
        queue.Page.WaitForAssertion(() => Assert.Equal(2, mediator.Listed.Count()));
        Assert.Equal(CaseSort.Age, mediator.Listed.Last().Sort);
    }

    [Fact]
    public async Task A_unit_outside_the_readers_tree_in_the_url_says_so_instead_of_failing()
    {
        var mediator = new QueueMediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/queue?unit={OutsideUnit}");

        var queue = RenderQueue(ctx);

        queue.Page.WaitForAssertion(() => Assert.Contains("outside your units", queue.Page.Find("[data-testid=queue-refused]").TextContent));
        Assert.Contains("No cases match these filters.", queue.Page.Markup);
    }

    [Fact]
    public async Task Saving_a_view_stores_the_filters_shown_under_its_name()
    {
        var mediator = new QueueMediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/queue?verdict=false&sort=age");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Single(mediator.Listed));

        queue.Page.Find("[data-testid=save-view]").Click();
        queue.Dialogs.WaitForAssertion(() => queue.Dialogs.Find("#view-name"));
        queue.Dialogs.Find("#view-name").Input("Tin sai chờ lâu");
        await queue.Dialogs.Find("form").SubmitAsync();

        var saved = mediator.Sent.OfType<SaveView>().Single();
        Assert.Equal("Tin sai chờ lâu", saved.Name);
        Assert.Equal(("false", CaseSort.Age), (saved.Filter.Verdict, saved.Filter.Sort));
        queue.Page.WaitForAssertion(() => Assert.Contains("Tin sai chờ lâu", queue.Page.Find("[data-testid=saved-view]").TextContent));
    }

    [Fact]
    public async Task Choosing_a_saved_view_shows_its_filters_and_deleting_one_asks_first()
    {
        var mediator = new QueueMediator();
        mediator.Views.Add(new SavedView(5, "Chưa giao", new CaseFilter { Statuses = [CaseStatus.Triaged], Assigned = false }));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Single(queue.Page.FindAll("[data-testid=saved-view]")));

        queue.Page.Find("[data-testid=saved-view]").Click();

        queue.Page.WaitForAssertion(() => Assert.Equal(2, mediator.Listed.Count()));
        Assert.Equal([CaseStatus.Triaged], mediator.Listed.Last().Statuses);
        Assert.False(mediator.Listed.Last().Assigned);
        Assert.Contains("status=triaged&assigned=no", ctx.Services.GetRequiredService<NavigationManager>().Uri);

        queue.Page.Find("[data-testid=saved-views] .mud-chip-close-button").Click();
        queue.Dialogs.WaitForAssertion(() => Assert.Contains("Delete the view \"Chưa giao\"?", queue.Dialogs.Markup));
        Assert.Empty(mediator.Sent.OfType<DeleteView>());
        queue.Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete view").Click();
        queue.Page.WaitForAssertion(() => Assert.Empty(queue.Page.FindAll("[data-testid=saved-view]")));
        Assert.Equal(5, mediator.Sent.OfType<DeleteView>().Single().ViewId);
    }

    [Fact]
    public async Task A_bulk_classification_sends_each_case_with_its_version_and_lists_the_failures_with_their_reasons()
    {
        var mediator = new QueueMediator
        {
            Bulk = action => new BulkResult(
            [
                new BulkItemResult(action.Items[0].CaseId, true, action.Items[0].Version + 1, 200, null),
                new BulkItemResult(action.Items[1].CaseId, false, null, 412, "Someone changed this case since you opened it."),
                new BulkItemResult(action.Items[2].CaseId, false, null, 409, "The case cannot take this action in its current status."),
            ]),
        };
        mediator.Pages[""] = Page(null, Case(21, "Một", version: 4), Case(22, "Hai", version: 9), Case(23, "Ba", version: 2));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Equal(3, queue.Page.FindAll("[data-case-link]").Count));

        foreach (var id in new[] { 21, 22, 23 })
            queue.Page.Find($"[data-case-link='{id}']").Closest("tr")!.QuerySelector("input[type=checkbox]")!.Change(true);
        queue.Page.WaitForAssertion(() => Assert.Contains("3 selected", queue.Page.Find("[data-testid=bulk-count]").TextContent));
        queue.Page.Find("[data-testid=bulk-classify]").Click();
        queue.Dialogs.WaitForAssertion(() => queue.Dialogs.Find("#classify-verdict"));
        queue.Dialogs.Find("#classify-verdict").Change("false");
        queue.Dialogs.Find("#classify-category").Change("health");
        queue.Dialogs.Find("#classify-severity").Change("3");
        await queue.Dialogs.Find("[data-testid=classify-form]").SubmitAsync();

        queue.Dialogs.WaitForAssertion(() => Assert.Equal(2, queue.Dialogs.FindAll("[data-testid=bulk-failed]").Count));
        Assert.Contains("1 of 3 cases done.", queue.Dialogs.Find("[data-testid=bulk-summary]").TextContent);
        var failed = queue.Dialogs.FindAll("[data-testid=bulk-failed]").ToDictionary(r => r.GetAttribute("data-case")!, r => r.TextContent);
        Assert.Contains("Someone changed this case", failed["22"]);
        Assert.Contains("cannot take this action", failed["23"]);
        Assert.Single(queue.Dialogs.FindAll("[data-testid=bulk-ok]"));

        var sent = mediator.Bulks.Single();
        Assert.Equal(BulkKind.Classify, sent.Kind);
        Assert.Equal(("false", "health", 3), (sent.Verdict, sent.Category, sent.Severity));
        Assert.Equal([new BulkItem(21, 4), new BulkItem(22, 9), new BulkItem(23, 2)], sent.Items);

        // Done: the queue asks the server again and the selection is gone.
        queue.Dialogs.Find("[data-testid=bulk-done]").Click();
        queue.Page.WaitForAssertion(() => Assert.Equal(2, mediator.Listed.Count()));
        Assert.Empty(queue.Page.FindAll("[data-testid=bulk-bar]"));
    }

    [Fact]
    public async Task J_and_k_move_the_current_row_and_it_is_marked()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page(null, Case(31, "Một"), Case(32, "Hai"), Case(33, "Ba"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Equal(3, queue.Page.FindAll("[data-case-link]").Count));
        Assert.Empty(queue.Page.FindAll("tr.queue-current"));

        foreach (var key in new[] { "j", "j", "j", "j", "k" }) await Press(queue, key);

        var current = queue.Page.Find("tr.queue-current");
        Assert.NotNull(current.QuerySelector("[data-case-link='32']"));
        Assert.Equal("true", queue.Page.Find("[data-case-link='32']").GetAttribute("aria-current"));
        Assert.Single(queue.Page.FindAll("[aria-current=true]"));
    }

    [Fact]
    public async Task Enter_opens_the_current_case_and_x_selects_it()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page(null, Case(41, "Một"), Case(42, "Hai"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Equal(2, queue.Page.FindAll("[data-case-link]").Count));

        await Press(queue, "j");
        await Press(queue, "j");
        await Press(queue, "x");
        Assert.Contains("1 selected", queue.Page.Find("[data-testid=bulk-count]").TextContent);

        await Press(queue, "Enter");
        Assert.EndsWith("/cases/42", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task C_on_the_current_row_classifies_that_case_at_the_version_shown()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page(null, Case(51, "Một", version: 6), Case(52, "Hai", version: 8));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Equal(2, queue.Page.FindAll("[data-case-link]").Count));
        await Press(queue, "j");
        await Press(queue, "j");

        var pressing = Press(queue, "c");
        queue.Dialogs.WaitForAssertion(() => Assert.Contains("Classify case #52", queue.Dialogs.Markup));
        queue.Dialogs.Find("#classify-verdict").Change("misleading");
        queue.Dialogs.Find("#classify-category").Change("society");
        queue.Dialogs.Find("#classify-severity").Change("2");
        await queue.Dialogs.Find("[data-testid=classify-form]").SubmitAsync();
        await pressing;

        var sent = mediator.Bulks.Single();
        Assert.Equal([new BulkItem(52, 8)], sent.Items);
        Assert.Equal(("misleading", "society", 2), (sent.Verdict, sent.Category, sent.Severity));
        Assert.Empty(queue.Dialogs.FindAll("[data-testid=bulk-results]"));
        Assert.Equal(2, mediator.Listed.Count());
    }

    [Fact]
    public async Task A_refused_single_assignment_stays_in_the_dialog_with_the_reason()
    {
        var mediator = new QueueMediator
        {
            Bulk = action => new BulkResult([new BulkItemResult(action.Items[0].CaseId, false, null, 400, "No active responder has this email.")]),
        };
        mediator.Pages[""] = Page(null, Case(61, "Một"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Single(queue.Page.FindAll("[data-case-link]")));
        await Press(queue, "j");

        _ = Press(queue, "a");
        queue.Dialogs.WaitForAssertion(() => queue.Dialogs.Find("#assign-email"));
        queue.Dialogs.Find("#assign-email").Input("nobody@demo.local");
        await queue.Dialogs.Find("[data-testid=assign-form]").SubmitAsync();

        queue.Dialogs.WaitForAssertion(() => Assert.Contains("No active responder", queue.Dialogs.Find("[data-testid=dialog-problem]").TextContent));
        Assert.Equal("nobody@demo.local", mediator.Bulks.Single().ResponderEmail);
        Assert.Equal(BulkKind.Assign, mediator.Bulks.Single().Kind);
    }

    [Fact]
    public async Task An_assignment_without_a_responder_or_auto_is_a_field_message_and_sends_nothing()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page(null, Case(71, "Một"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);
        queue.Page.WaitForAssertion(() => Assert.Single(queue.Page.FindAll("[data-case-link]")));
        await Press(queue, "j");

        _ = Press(queue, "a");
        queue.Dialogs.WaitForAssertion(() => queue.Dialogs.Find("#assign-email"));
        await queue.Dialogs.Find("[data-testid=assign-form]").SubmitAsync();

        queue.Dialogs.WaitForAssertion(() => Assert.Contains("Required.", queue.Dialogs.Markup));
        Assert.Empty(mediator.Bulks);
    }

    [Fact]
    public async Task Question_mark_lists_every_shortcut()
    {
        var mediator = new QueueMediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx);

        _ = Press(queue, "?");

        queue.Dialogs.WaitForAssertion(() => Assert.Contains("Keyboard shortcuts", queue.Dialogs.Markup));
        var keys = queue.Dialogs.FindAll("[data-testid=shortcuts] kbd").Select(k => k.TextContent).ToList();
        Assert.Equal(["j", "k", "Enter", "x", "a", "c", "/", "Esc", "?"], keys);
        Assert.Contains("Next case", queue.Dialogs.Markup);
        Assert.Contains("Classify the selected cases, or the current one", queue.Dialogs.Markup);
    }

    [Fact]
    public async Task A_responder_reads_the_queue_without_selection_or_bulk_actions()
    {
        var mediator = new QueueMediator();
        mediator.Pages[""] = Page(null, Case(81, "Một"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var queue = RenderQueue(ctx, Role.Responder);
        queue.Page.WaitForAssertion(() => Assert.Single(queue.Page.FindAll("[data-case-link]")));

        await Press(queue, "j");
        await Press(queue, "c");

        Assert.Empty(queue.Page.FindAll("input[type=checkbox]"));
        Assert.DoesNotContain("Classify case", queue.Dialogs.Markup);
    }

    [Fact]
    public async Task A_member_is_told_the_queue_is_not_for_them()
    {
        var mediator = new QueueMediator { Forbidden = true };
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");

        var queue = RenderQueue(ctx, Role.Member);

        queue.Page.WaitForAssertion(() => Assert.Contains("The queue is for reviewers", queue.Page.Markup));
        Assert.Empty(mediator.Listed);
    }

    [Theory]
    [InlineData(Role.Reviewer, true)]
    [InlineData(Role.Responder, true)]
    [InlineData(Role.Coordinator, true)]
    [InlineData(Role.Member, false)]
    public async Task The_menu_offers_the_queue_to_the_roles_that_work_it(Role role, bool offered)
    {
        await using var ctx = ComponentContext.Create("en-US");

        var menu = ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(role)));

        Assert.Equal(offered, menu.FindAll("a[href='/queue']").Count == 1);
    }
}

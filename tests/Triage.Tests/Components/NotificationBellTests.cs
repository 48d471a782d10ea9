using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Live;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Tests.Components;

/// <summary>The app bar's bell over a fake desk that keeps the notifications in memory.</summary>
public sealed class NotificationBellTests
{
    private static readonly MyAccount Me = new(3, "reviewer@demo.local", "Lê Thị Hồng Nhung", [Role.Reviewer], new UnitRef(2, "D1", "Quận 1"));
    private static readonly Person Colleague = new(9, "reviewer3@demo.local", "Đỗ Thị Hạnh");
    private static readonly DateTimeOffset At = new(2026, 11, 26, 1, 30, 0, TimeSpan.Zero);

    /// <summary>The desk's notifications for the reader, newest last; read ones carry true.</summary>
    private sealed class Store
    {
        public List<Notification> Items { get; } = [];

        public FakeMediator Mediator() => new FakeMediator()
            .On<ListMyNotifications, NotificationPage>(r =>
                new NotificationPage([.. Items.AsEnumerable().Reverse().Take(r.Limit)], Items.Count(n => !n.Read)))
            .On<MarkNotificationsRead, int>(r =>
            {
                var marked = 0;
                for (var i = 0; i < Items.Count; i++)
                {
                    if (Items[i].Read || (r.Ids is { Count: > 0 } ids && !ids.Contains(Items[i].Id))) continue;
                    Items[i] = Items[i] with { Read = true };
                    marked++;
                }
                return marked;
            });

        public void Add(NotificationKind kind, long caseId, string? excerpt = null) =>
            Items.Add(new Notification(Items.Count + 1, kind, caseId, $"Vụ việc {caseId}", Colleague, excerpt, At.AddMinutes(Items.Count), false));
    }

    private sealed record Bell(IRenderedComponent<NotificationBell> Cut, IRenderedComponent<MudPopoverProvider> Popovers, FakeMediator Mediator, ManualLiveBus Bus);

    private static Bell Render(BunitContext ctx, FakeMediator mediator)
    {
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<NotificationBell>(p => p.Add(b => b.Me, Me));
        return new Bell(cut, popovers, mediator, ctx.Services.GetRequiredService<ManualLiveBus>());
    }

    private static BunitContext Context(FakeMediator mediator) => ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(mediator));

    private static string Label(Bell bell) => bell.Cut.Find("[data-testid=bell-button]").GetAttribute("aria-label")!;

    private static async Task OpenAsync(Bell bell)
    {
        await bell.Cut.Find("[data-testid=bell-button]").ClickAsync(new());
        bell.Cut.WaitForAssertion(() => Assert.NotEmpty(bell.Cut.FindAll("[data-testid=bell-item], [data-testid=bell-empty]")));
    }

    [Fact]
    public async Task The_bell_counts_unread_notifications_and_says_so_to_screen_readers()
    {
        var store = new Store();
        store.Add(NotificationKind.Mention, 11);
        store.Add(NotificationKind.Assignment, 12);
        store.Add(NotificationKind.Escalation, 13);
        store.Items[0] = store.Items[0] with { Read = true };
        await using var ctx = Context(store.Mediator());
        ComponentContext.UseCulture("en-US");

        var bell = Render(ctx, store.Mediator());

        bell.Cut.WaitForAssertion(() => Assert.Equal("2 unread notifications", Label(bell)));
        Assert.Equal("2", bell.Cut.Find("[data-testid=bell-badge]").TextContent);
    }

    [Fact]
    public async Task The_menu_lists_each_kind_with_its_case_sender_excerpt_and_local_time()
    {
        var store = new Store();
        store.Add(NotificationKind.Mention, 11, "xem giúp em nguồn này");
        store.Add(NotificationKind.Assignment, 12);
        store.Add(NotificationKind.Escalation, 13, "Vượt quá thẩm quyền của xã");
        store.Add(NotificationKind.Breach, 14);
        await using var ctx = Context(store.Mediator());
        ComponentContext.UseCulture("en-US");
        var bell = Render(ctx, store.Mediator());

        await OpenAsync(bell);

        var items = bell.Cut.FindAll("[data-testid=bell-item]");
        Assert.Equal(4, items.Count);
        Assert.Contains("Missed its deadline", items[0].TextContent);
        Assert.Contains("#14 Vụ việc 14", items[0].TextContent);
        Assert.Contains("Escalated to your unit", items[1].TextContent);
        Assert.Contains("Vượt quá thẩm quyền của xã", items[1].TextContent);
        Assert.Contains("Assigned to you", items[2].TextContent);
        Assert.Contains("Mentioned you", items[3].TextContent);
        // 01:30 UTC is 08:30 in Ho Chi Minh City.
        Assert.Contains("From Đỗ Thị Hạnh · 11/26/2026 8:30", items[3].TextContent);
        Assert.All(items, i => Assert.Equal("false", i.GetAttribute("data-read")));
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_case()
    {
        var store = new Store();
        store.Add(NotificationKind.Mention, 11);
        store.Add(NotificationKind.Assignment, 12);
        var mediator = store.Mediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var bell = Render(ctx, mediator);
        await OpenAsync(bell);

        await bell.Cut.FindAll("[data-testid=bell-item]")[1].ClickAsync(new());

        Assert.Equal([1L], mediator.SentOf<MarkNotificationsRead>().Single().Ids!);
        Assert.EndsWith("/cases/11", ctx.Services.GetRequiredService<NavigationManager>().Uri);
        bell.Cut.WaitForAssertion(() => Assert.Equal("1 unread notifications", Label(bell)));
    }

    [Fact]
    public async Task Mark_all_read_clears_the_count()
    {
        var store = new Store();
        store.Add(NotificationKind.Mention, 11);
        store.Add(NotificationKind.Breach, 12);
        var mediator = store.Mediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var bell = Render(ctx, mediator);
        await OpenAsync(bell);

        await bell.Cut.Find("[data-testid=bell-mark-all]").ClickAsync(new());

        Assert.Null(mediator.SentOf<MarkNotificationsRead>().Single().Ids);
        bell.Cut.WaitForAssertion(() => Assert.Equal("Notifications", Label(bell)));
        Assert.All(store.Items, n => Assert.True(n.Read));
    }

    [Fact]
    public async Task A_new_notification_for_the_reader_shows_without_a_reload_and_others_are_ignored()
    {
        var store = new Store();
        var mediator = store.Mediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var bell = Render(ctx, mediator);
        bell.Cut.WaitForAssertion(() => Assert.Equal("Notifications", Label(bell)));

        await bell.Bus.PublishAsync(new NotificationsChangedEvent(99));
        Assert.Single(mediator.SentOf<ListMyNotifications>());

        store.Add(NotificationKind.Escalation, 13);
        await bell.Bus.PublishAsync(new NotificationsChangedEvent(Me.Id));

        bell.Cut.WaitForAssertion(() => Assert.Equal("1 unread notifications", Label(bell)));
        Assert.Equal(2, mediator.SentOf<ListMyNotifications>().Count());
    }

    [Fact]
    public async Task The_bell_speaks_vietnamese()
    {
        var store = new Store();
        store.Add(NotificationKind.Escalation, 13);
        await using var ctx = ComponentContext.Create("vi-VN", s => s.AddSingleton<IMediator>(store.Mediator()));
        ComponentContext.UseCulture("vi-VN");

        var bell = Render(ctx, store.Mediator());

        bell.Cut.WaitForAssertion(() => Assert.Equal("1 thông báo chưa đọc", Label(bell)));
        await OpenAsync(bell);
        Assert.Contains("Chuyển lên đơn vị của bạn", bell.Cut.Find("[data-testid=bell-item]").TextContent);
    }
}

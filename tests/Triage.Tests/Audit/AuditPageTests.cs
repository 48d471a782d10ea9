using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Audit;
using Triage.Client.Cases;
using Triage.Client.Layout;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Audit;

public sealed class AuditPageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 1, 30, 0, TimeSpan.Zero);

    private static AuditEventItem Event(long id, string action = "ClassifyCase") => new(id, At.AddMinutes(id),
        new Person(5, "reviewer@demo.local", "Trần Văn Bình"), "reviewer@demo.local", action, "case", "42",
        new Dictionary<string, string> { ["verdict"] = "misleading", ["note"] = "Ảnh bị cắt ghép" }, "0123456789ab");

    /// <summary>Two pages: events 9..7 then 6..5.</summary>
    private static FakeMediator Mediator(Func<VerifyAuditChain, AuditChainReport>? verify = null) => new FakeMediator()
        .On<ListAuditEvents, AuditEventPage>(r => r.Cursor is null
            ? new AuditEventPage([Event(9), Event(8), Event(7)], "page-2")
            : new AuditEventPage([Event(6, "AddUnit"), Event(5)], null))
        .On<VerifyAuditChain, AuditChainReport>(verify ?? (_ => new AuditChainReport(true, 57)));

    private static async Task<(BunitContext Ctx, IRenderedComponent<AuditPage> Page, IRenderedComponent<MudPopoverProvider> Popovers)> Render(FakeMediator mediator)
    {
        var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        var popovers = ctx.Render<MudPopoverProvider>();
        return (ctx, ctx.Render<AuditPage>(), popovers);
    }

    [Fact]
    public async Task Each_filter_is_sent_as_the_request_with_whole_days_in_the_desks_zone()
    {
        var mediator = Mediator();
        var (ctx, page, popovers) = await Render(mediator);
        await using var _ = ctx;
        ComponentContext.UseCulture("en-US");

        page.Find("#audit-actor").Change("reviewer@demo.local");
        page.Find("#audit-case").Change("42");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.OpenMenu());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")));
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("Classified (ClassifyCase)", StringComparison.Ordinal)).Click();
        page.Find("#audit-from").Change("2026-11-01");
        page.Find("#audit-to").Change("2026-11-03");

        page.WaitForAssertion(() => Assert.Equal(6, mediator.SentOf<ListAuditEvents>().Count()));
        var last = mediator.SentOf<ListAuditEvents>().Last();
        Assert.Equal(("reviewer@demo.local", 42L, "ClassifyCase"), (last.Actor, last.CaseId, last.Action));
        // Asia/Ho_Chi_Minh is UTC+7: 1 November starts at 17:00 UTC the day before; "to" includes the whole of 3 November.
        Assert.Equal((new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 3, 17, 0, 0, TimeSpan.Zero)),
            (last.From!.Value.ToUniversalTime(), last.To!.Value.ToUniversalTime()));
        Assert.Null(last.Cursor);
    }

    [Fact]
    public async Task Events_show_details_as_key_and_value_and_load_more_continues_after_the_cursor()
    {
        var mediator = Mediator();
        var (ctx, page, _) = await Render(mediator);
        await using var __ = ctx;
        ComponentContext.UseCulture("en-US");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("td[data-event]").Count));
        Assert.Contains("verdict: misleading", page.Find("[data-testid=audit-details]").TextContent.Replace("\n", " ").Replace("  ", " "), StringComparison.Ordinal);
        Assert.Contains("Trần Văn Bình", page.Markup);
        Assert.Contains("0123456789ab", page.Markup);
        Assert.NotNull(page.Find("a[href='/cases/42']"));

        page.Find("[data-testid=audit-more]").Click();

        page.WaitForAssertion(() => Assert.Equal(["9", "8", "7", "6", "5"], page.FindAll("td[data-event]").Select(td => td.GetAttribute("data-event"))));
        Assert.Equal("page-2", mediator.SentOf<ListAuditEvents>().Last().Cursor);
        Assert.Empty(page.FindAll("[data-testid=audit-more]"));
    }

    [Fact]
    public async Task Verify_shows_an_intact_chain_with_its_count()
    {
        var (ctx, page, _) = await Render(Mediator());
        await using var _ = ctx;
        ComponentContext.UseCulture("en-US");

        page.Find("[data-testid=audit-verify]").Click();

        page.WaitForAssertion(() => Assert.Contains("The chain is intact: 57 events checked", page.Find("[data-testid=audit-intact]").TextContent));
        Assert.Empty(page.FindAll(".audit-broken-row"));
    }

    [Fact]
    public async Task Verify_names_a_broken_event_with_its_time_and_action_and_marks_its_row()
    {
        var mediator = Mediator(_ =>
            new AuditChainReport(false, 6, 7, "Event 7 was changed after it was written.", AuditBreak.Changed, At.AddMinutes(7), "ClassifyCase"));
        var (ctx, page, _) = await Render(mediator);
        await using var _ = ctx;
        ComponentContext.UseCulture("en-US");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("td[data-event]").Count));

        page.Find("[data-testid=audit-verify]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=audit-broken-result]")));
        var result = page.Find("[data-testid=audit-broken-result]").TextContent;
        Assert.Contains("The chain is broken at event #7.", result);
        // 01:37 UTC is 08:37 in the desk's zone.
        Assert.Contains("8:37", result);
        Assert.Contains("Classified (ClassifyCase)", result);
        Assert.Contains("This event was changed after it was written.", result);
        Assert.Contains("The 6 events before it are sound.", result);
        var marked = Assert.Single(page.FindAll("tr.audit-broken-row"));
        Assert.Equal("7", marked.QuerySelector("td[data-event]")!.GetAttribute("data-event"));
        Assert.NotNull(marked.QuerySelector("[data-testid=audit-broken]"));
        // The list is read again, so the marked event shows what it says now.
        Assert.Equal(2, mediator.SentOf<ListAuditEvents>().Count());
    }

    [Fact]
    public async Task A_refused_filter_shows_the_servers_message_under_its_field()
    {
        var mediator = Mediator().On<ListAuditEvents, AuditEventPage>(r => r.Actor is null
            ? new AuditEventPage([Event(9)], null)
            : throw new ValidationFailedException(new Dictionary<string, string[]> { ["actor"] = ["No user has the id or email 'x@y.z'."] }));
        var (ctx, page, _) = await Render(mediator);
        await using var _ = ctx;
        ComponentContext.UseCulture("en-US");

        page.Find("#audit-actor").Change("x@y.z");

        page.WaitForAssertion(() => Assert.Contains("No user has the id or email 'x@y.z'.", page.Markup));
        Assert.Single(page.FindAll("td[data-event]"));
    }

    [Fact]
    public async Task A_non_admin_is_told_the_log_is_for_administrators()
    {
        var mediator = new FakeMediator().On<ListAuditEvents, AuditEventPage>(_ => throw new ForbiddenException());
        var (ctx, page, _) = await Render(mediator);
        await using var _ = ctx;

        page.WaitForAssertion(() => Assert.Contains("The audit log is for administrators.", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=audit-verify]"));
    }

    [Fact]
    public async Task Only_an_admin_has_the_audit_log_in_the_menu()
    {
        await using var ctx = ComponentContext.Create("vi-VN");
        ComponentContext.UseCulture("vi-VN");
        static MyAccount Account(Role role) => new(1, "x@demo.local", "Người dùng", [role], new UnitRef(1, "P", "Tỉnh"));

        var admin = ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(Role.Admin)));
        var coordinator = ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(Role.Coordinator)));

        Assert.Contains("Nhật ký thao tác", admin.Find("a[href='/admin/audit']").TextContent);
        Assert.Empty(coordinator.FindAll("a[href='/admin/audit']"));
    }
}

using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Layout;
using Triage.Client.Live;
using Triage.Client.MyWork;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Client.Sla;
using Triage.Client.Units;
using static Triage.Tests.Components.CaseViewData;

namespace Triage.Tests.Components;

/// <summary>The responder's "My work" page over a fake desk: the list as the server orders it, the brief one click away.</summary>
public sealed class MyWorkPageTests
{
    private static readonly MyAccount Me = new(4, "responder@demo.local", "Phạm Thị Lan", [Role.Responder], new UnitRef(2, "D1", "Hội LHPN huyện Bình Minh"));
    private static readonly DateTimeOffset Due = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static MyCase Item(long id, string title, SlaDue? sla, CaseStatus status = CaseStatus.Assigned, ResponseStatus? answer = null) =>
        new(id, title, status, 3, "false", "health", 2, 40, new UnitRef(5, "D1-C1", "Hội LHPN xã Phú Thịnh"), 2, sla, answer);

    private static readonly IReadOnlyList<MyCase> Three =
    [
        Item(CaseId, "Uống nước chanh nóng chữa ung thư", new SlaDue(SlaKind.Response, Due, SlaState.Breached)),
        Item(7, "Tỏi sống thay vắc-xin cúm", new SlaDue(SlaKind.Response, Due.AddHours(5), SlaState.OnTrack), answer: ResponseStatus.Draft),
        Item(3, "Mất điện toàn tỉnh ba ngày", null, CaseStatus.Responded, ResponseStatus.Published),
    ];

    private static (BunitContext Context, FakeMediator Mediator) Desk(Func<WorkList> work, string culture = "en-US")
    {
        var mediator = Mediator(() => Case(CaseStatus.Assigned, verdict: "false", note: "Nguồn gốc: trang giả mạo bệnh viện K.", techniques: ["T0002"]))
            .On<ListMyWork, WorkList>(_ => work());
        var ctx = ComponentContext.Create(culture, s => s.AddSingleton<IMediator>(mediator));
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ctx.Render<MudPopoverProvider>();
        return (ctx, mediator);
    }

    private static IRenderedComponent<MyWorkPage> Open(BunitContext ctx) => ctx.Render<MyWorkPage>(p => p.AddCascadingValue(Me));

    [Fact]
    public async Task The_list_keeps_the_servers_order_and_says_each_deadline_status_and_classification_in_words()
    {
        var (ctx, mediator) = Desk(() => new WorkList(Three, false));
        await using var _ = ctx;
        ComponentContext.UseCulture("en-US");

        var page = Open(ctx);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-my-case]").Count));
        Assert.Equal(["42", "7", "3"], page.FindAll("[data-my-case]").Select(c => c.GetAttribute("data-my-case")));
        var first = page.Find("[data-my-case='42']");
        Assert.Equal("Breached", first.QuerySelector("[data-testid=sla-badge]")!.TextContent.Trim());
        Assert.Equal("Answer being prepared", first.QuerySelector("[data-testid=my-case-status]")!.TextContent.Trim());
        Assert.Equal("False · Health · 2 – moderate", first.QuerySelector("[data-testid=my-case-classification]")!.TextContent.Trim());
        Assert.Equal("No counter-message yet", first.QuerySelector("[data-testid=my-case-answer]")!.TextContent.Trim());
        Assert.Equal("Counter-message drafted", page.Find("[data-my-case='7'] [data-testid=my-case-answer]").TextContent.Trim());
        // An answered case has no deadline left: no badge rather than a misleading one.
        Assert.Null(page.Find("[data-my-case='3']").QuerySelector("[data-testid=sla-badge]"));
        Assert.Null(page.Find("[data-my-case='3']").QuerySelector("[data-testid=my-case-no-deadline]"));
        Assert.Equal("/cases/42#responses", first.QuerySelector("[data-testid=my-case-answer-link]")!.GetAttribute("href"));
        Assert.Equal("/cases/42", first.QuerySelector("[data-testid=my-case-open]")!.GetAttribute("href"));
        // Briefs are read only when asked for.
        Assert.Empty(page.FindAll("[data-testid=case-brief]"));
        Assert.Empty(mediator.SentOf<GetCase>());
    }

    [Fact]
    public async Task One_click_opens_the_brief_with_the_verdict_the_reviewers_note_the_techniques_and_blurred_evidence()
    {
        var (ctx, mediator) = Desk(() => new WorkList(Three, false));
        await using var _ = ctx;
        ComponentContext.UseCulture("en-US");
        var page = Open(ctx);
        var toggle = page.WaitForElement("[data-my-case='42'] [data-testid=my-case-brief-toggle]");
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));

        toggle.Click();

        var brief = page.WaitForElement("[data-my-case='42'] [data-testid=case-brief]");
        Assert.Equal(CaseId, Assert.Single(mediator.SentOf<GetCase>()).CaseId);
        Assert.Equal("true", page.Find("[data-my-case='42'] [data-testid=my-case-brief-toggle]").GetAttribute("aria-expanded"));
        Assert.Equal("Uống nước chanh nóng chữa ung thư", brief.QuerySelector("[data-testid=brief-claim]")!.TextContent);
        Assert.Equal("False", brief.QuerySelector("[data-testid=brief-verdict]")!.TextContent);
        Assert.Equal("Health", brief.QuerySelector("[data-testid=brief-category]")!.TextContent);
        Assert.Equal("Nguồn gốc: trang giả mạo bệnh viện K.", brief.QuerySelector("[data-testid=brief-note]")!.TextContent);
        Assert.Equal("T0002 · Facilitate State Propaganda", brief.QuerySelector("[data-technique=T0002]")!.TextContent.Trim());
        Assert.Equal(2, brief.QuerySelectorAll("[data-testid=case-report]").Length);
        Assert.Equal("https://www.facebook.com/groups/1/posts/2", brief.QuerySelector("[data-testid=report-url]")!.TextContent.Trim());
        var evidence = brief.QuerySelector("[data-testid=evidence] button")!;
        Assert.Contains("evidence-blurred", evidence.ClassName);
        Assert.Equal($"/api/v1/evidence/{Screenshot}", brief.QuerySelector("[data-testid=evidence] img")!.GetAttribute("src"));
        // Only the case asked about opens.
        Assert.Single(page.FindAll("[data-testid=case-brief]"));

        page.Find("[data-my-case='42'] [data-testid=my-case-brief-toggle]").Click();
        Assert.Empty(page.FindAll("[data-testid=case-brief]"));
    }

    [Fact]
    public async Task An_assigned_case_without_a_deadline_says_so_in_words()
    {
        var (ctx, _) = Desk(() => new WorkList([Item(5, "Không có hạn", null)], false));
        await using var __ = ctx;
        ComponentContext.UseCulture("en-US");

        var page = Open(ctx);

        Assert.Equal("No deadline", page.WaitForElement("[data-my-case='5'] [data-testid=my-case-no-deadline]").TextContent.Trim());
    }

    [Fact]
    public async Task With_nothing_assigned_the_page_says_what_comes_next()
    {
        var (ctx, _) = Desk(() => new WorkList([], false), "vi-VN");
        await using var __ = ctx;
        ComponentContext.UseCulture("vi-VN");

        var page = Open(ctx);

        var empty = page.WaitForElement("[data-testid=my-work-empty]");
        Assert.Contains("Hiện chưa có vụ việc nào được giao cho bạn", empty.TextContent);
        Assert.Contains("bạn nhận được thông báo", empty.TextContent);
        Assert.NotNull(empty.QuerySelector("a[href='/library']"));
        Assert.Empty(page.FindAll("[data-my-case]"));
    }

    [Fact]
    public async Task A_new_assignment_for_me_reloads_the_list_and_one_for_someone_else_does_not()
    {
        IReadOnlyList<MyCase> shown = [Three[1]];
        var (ctx, mediator) = Desk(() => new WorkList(shown, false));
        await using var _ = ctx;
        ComponentContext.UseCulture("en-US");
        var page = Open(ctx);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-my-case]")));
        var bus = ctx.Services.GetRequiredService<ManualLiveBus>();

        shown = Three;
        await bus.PublishAsync(new NotificationsChangedEvent(Me.Id + 1));
        Assert.Single(mediator.SentOf<ListMyWork>());

        await bus.PublishAsync(new NotificationsChangedEvent(Me.Id));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-my-case]").Count));
    }

    [Fact]
    public async Task A_member_is_told_the_page_is_for_responders()
    {
        var (ctx, _) = Desk(() => throw new ForbiddenException());
        await using var __ = ctx;
        ComponentContext.UseCulture("en-US");

        var page = Open(ctx);

        page.WaitForElement("[data-testid=my-work-forbidden]");
    }

    [Theory]
    [InlineData(Role.Responder, true)]
    [InlineData(Role.Reviewer, true)]
    [InlineData(Role.Member, false)]
    [InlineData(Role.Coordinator, false)]
    public async Task The_menu_offers_my_work_to_responders_and_reviewers(Role role, bool offered)
    {
        await using var ctx = ComponentContext.Create("en-US");

        var menu = ctx.Render<NavMenu>(p => p.Add(m => m.Me, Me with { Roles = [role] }));

        Assert.Equal(offered, menu.FindAll("a[href='/work']").Count == 1);
    }
}

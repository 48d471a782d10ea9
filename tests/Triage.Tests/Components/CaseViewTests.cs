using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using static Triage.Tests.Components.CaseViewData;

namespace Triage.Tests.Components;

/// <summary>The case page over a fake mediator: what it shows and offers, and what it sends.</summary>
public sealed class CaseViewTests
{
    private static BunitContext Context(FakeMediator mediator, string culture = "en-US") =>
        ComponentContext.Create(culture, s => s.AddSingleton<IMediator>(mediator));

    private static IRenderedComponent<CaseViewHost> Open(BunitContext ctx, params Role[] roles) =>
        ctx.Render<CaseViewHost>(p => p.Add(h => h.CaseId, CaseId).Add(h => h.Me, Account(roles.Length == 0 ? [Role.Reviewer] : roles)));

    [Fact]
    public async Task Screenshots_are_blurred_until_clicked_and_blur_again_on_a_second_click()
    {
        await using var ctx = Context(Mediator(() => Case()));
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        var button = cut.WaitForElement("[data-testid=evidence] button");
        Assert.Contains("evidence-blurred", button.ClassName);
        Assert.Equal("false", button.GetAttribute("aria-pressed"));
        Assert.Equal("Screenshot 1, blurred: show it", button.GetAttribute("aria-label"));
        Assert.Equal($"/api/v1/evidence/{Screenshot}", cut.Find("[data-testid=evidence] img").GetAttribute("src"));

        button.Click();
        button = cut.Find("[data-testid=evidence] button");
        Assert.DoesNotContain("evidence-blurred", button.ClassName);
        Assert.Equal("true", button.GetAttribute("aria-pressed"));

        button.Click();
        Assert.Contains("evidence-blurred", cut.Find("[data-testid=evidence] button").ClassName);
    }

    [Fact]
    public async Task Screenshots_are_not_blurred_for_a_reviewer_who_turned_blurring_off()
    {
        await using var ctx = Context(Mediator(() => Case(), blur: false));
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        var button = cut.WaitForElement("[data-testid=evidence] button");
        Assert.DoesNotContain("evidence-blurred", button.ClassName);
        Assert.Equal("true", button.GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Turning_blurring_back_on_from_the_page_saves_it_and_blurs_the_screenshots()
    {
        var mediator = Mediator(() => Case(), blur: false).On<Triage.Client.Account.SetEvidenceBlur, Triage.Client.Account.Preferences>(r => new(r.Blur));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        cut.WaitForElement("[data-testid=blur-toggle]").Change(true);

        cut.WaitForAssertion(() => Assert.Contains("evidence-blurred", cut.Find("[data-testid=evidence] button").ClassName));
        Assert.True(Assert.Single(mediator.SentOf<Triage.Client.Account.SetEvidenceBlur>()).Blur);
    }

    [Fact]
    public async Task Every_report_shows_its_text_link_platform_and_time_and_the_reporter_only_when_given()
    {
        await using var ctx = Context(Mediator(() => Case()));
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        var reports = cut.WaitForElements("[data-testid=case-report]", 2);
        var link = reports[0].QuerySelector("a[data-testid=report-url]")!;
        Assert.Equal("https://www.facebook.com/groups/1/posts/2", link.GetAttribute("href"));
        Assert.Contains("noopener", link.GetAttribute("rel"), StringComparison.Ordinal);
        Assert.Equal("Facebook", reports[0].QuerySelector("[data-testid=report-platform]")!.TextContent.Trim());
        Assert.Contains("Hoàng Thị Mai", reports[0].QuerySelector("[data-testid=report-reporter]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(reports[1].QuerySelector("[data-testid=report-reporter]"));
        Assert.Null(reports[1].QuerySelector("[data-testid=report-url]"));
        // 01:00 UTC is 08:00 in Hanoi.
        Assert.Contains("8:00", reports[0].QuerySelector("[data-testid=report-submitted]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", cut.Find("[data-testid=case-report-count]").TextContent);
    }

    public static TheoryData<CaseStatus, string[]> DesignOffers() => new()
    {
        { CaseStatus.New, ["classification", "escalation", "dismissal", "merge"] },
        // Closing a triaged or assigned case is offered for the outcome "no response needed" only; the dialog lists just that one.
        { CaseStatus.Triaged, ["classification", "assignment", "escalation", "dismissal", "merge", "close"] },
        { CaseStatus.Assigned, ["classification", "assignment", "escalation", "merge", "close"] },
        { CaseStatus.Escalated, ["classification", "deescalation", "dismissal", "merge"] },
        { CaseStatus.Responded, ["close"] },
        { CaseStatus.Closed, ["reopen"] },
        { CaseStatus.Dismissed, ["reopen"] },
        { CaseStatus.Merged, [] },
    };

    [Theory, MemberData(nameof(DesignOffers))]
    public async Task A_reviewer_is_offered_only_what_the_design_allows_from_the_status(CaseStatus status, string[] expected)
    {
        await using var ctx = Context(Mediator(() => Case(status, verdict: status == CaseStatus.New ? null : "false")));
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);
        cut.WaitForElement("[data-testid=case-header]");

        Assert.Equal(expected.Order(StringComparer.Ordinal), Offered(cut));
    }

    [Fact]
    public async Task A_reader_who_may_not_act_is_offered_nothing()
    {
        await using var ctx = Context(Mediator(() => Case(CaseStatus.Triaged, verdict: "false", mayAct: false)));
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx, Role.Responder);
        cut.WaitForElement("[data-testid=case-header]");

        Assert.Empty(Offered(cut));
        Assert.Empty(cut.FindAll("[data-testid=split-report]"));
    }

    /// <summary>Every action the page shows: a panel for classification, assignment and merge, a button for the rest.</summary>
    private static IEnumerable<string> Offered(IRenderedComponent<CaseViewHost> cut)
    {
        var panels = new Dictionary<string, string> { ["classification"] = "classification", ["assignment"] = "assignment", ["similar-cases"] = "merge" };
        return panels.Where(p => cut.FindAll($"[data-testid={p.Key}]").Count > 0).Select(p => p.Value)
            .Concat(cut.FindAll("[data-testid^=action-]").Select(b => b.GetAttribute("data-testid")!["action-".Length..]))
            .Order(StringComparer.Ordinal);
    }

    [Fact]
    public async Task The_priority_shows_its_score_and_each_part()
    {
        await using var ctx = Context(Mediator(() => Case(CaseStatus.Triaged, verdict: "false", severity: 3)));
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        // 2 reports × 5, two units and two platforms (one beyond the first of each, 4 apiece), severity 3 × 10, 5 hours old, no boost.
        cut.WaitForAssertion(() => Assert.Equal("53", cut.Find("[data-testid=priority-score]").TextContent));
        Assert.Contains("+10", cut.Find("[data-testid=priority-reports]").TextContent, StringComparison.Ordinal);
        Assert.Contains("5 per report (2)", cut.Find("[data-testid=priority-reports]").TextContent, StringComparison.Ordinal);
        Assert.Contains("+8", cut.Find("[data-testid=priority-reach]").TextContent, StringComparison.Ordinal);
        Assert.Contains("reporting units: 2, platforms: 2", cut.Find("[data-testid=priority-reach]").TextContent, StringComparison.Ordinal);
        Assert.Contains("+30", cut.Find("[data-testid=priority-severity]").TextContent, StringComparison.Ordinal);
        Assert.Contains("+5", cut.Find("[data-testid=priority-age]").TextContent, StringComparison.Ordinal);
        Assert.Contains("+0", cut.Find("[data-testid=priority-boost]").TextContent, StringComparison.Ordinal);
        Assert.Contains("no routing rule has raised this case", cut.Find("[data-testid=priority-boost]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_routing_boost_is_shown_as_its_own_part_in_Vietnamese()
    {
        await using var ctx = Context(Mediator(() => Case(CaseStatus.Triaged, verdict: "false", severity: 3, boost: 25)), "vi-VN");
        ComponentContext.UseCulture("vi-VN");
        var cut = Open(ctx);

        cut.WaitForAssertion(() => Assert.Equal("78", cut.Find("[data-testid=priority-score]").TextContent));
        Assert.Contains("+25", cut.Find("[data-testid=priority-boost]").TextContent, StringComparison.Ordinal);
        Assert.Contains("do quy tắc điều phối cộng thêm, từ 0 đến 100", cut.Find("[data-testid=priority-boost]").TextContent, StringComparison.Ordinal);
        Assert.Contains("đơn vị báo cáo: 2, nền tảng: 2", cut.Find("[data-testid=priority-reach]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_that_does_not_exist_for_the_reader_shows_a_not_found_state()
    {
        var mediator = Mediator(() => throw new NotFoundException("Case"));
        await using var ctx = Context(mediator, "vi-VN");
        ComponentContext.UseCulture("vi-VN");
        var cut = Open(ctx);

        cut.WaitForAssertion(() => Assert.Contains("không tồn tại", cut.Find("[data-testid=case-not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_illegal_transition_is_a_message_and_the_case_is_reloaded()
    {
        var mediator = Mediator(() => Case()).On<DismissCase, CaseChanged>(_ =>
            throw new ConflictException(CaseRules.IllegalTransition, "A case that is merged cannot take this action."));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        cut.WaitForElement("[data-testid=action-dismissal]").Click();
        cut.WaitForElement("[data-testid=reason]").Input("Không phải tin sai");
        await cut.Find("[data-testid=reason-submit]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("cannot take this action in its current status", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(2, mediator.SentOf<GetCase>().Count());
    }
}

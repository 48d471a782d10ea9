using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Account;
using Triage.Client.Layout;
using Triage.Client.Pipeline;
using Triage.Client.Retention;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Retention;

public sealed class RetentionPageTests
{
    private static readonly RetentionRun LastRun = new(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero), 365, 12, 40, 9, 9);

    [Fact]
    public async Task The_page_shows_the_period_in_force_and_what_the_last_pass_erased_in_vietnamese()
    {
        var mediator = new FakeMediator().On<GetRetention, RetentionStatus>(_ => new RetentionStatus(365, 365, false, 3, LastRun));
        await using var ctx = ComponentContext.Create("vi-VN", s => s.AddSingleton<IMediator>(mediator));
        ComponentContext.UseCulture("vi-VN");

        var cut = ctx.Render<RetentionPage>();

        cut.WaitForAssertion(() => Assert.Contains("365 ngày sau khi vụ việc đóng", cut.Find("[data-testid=retention-period]").TextContent));
        Assert.Contains("12 vụ việc, 40 báo cáo và 9 ảnh chụp", cut.Find("[data-testid=retention-last-run]").TextContent);
        Assert.Contains("08:00", cut.Find("[data-testid=retention-last-run]").TextContent);
        Assert.Contains(": 3", cut.Find("[data-testid=retention-due]").TextContent);
        Assert.Contains("Theo cấu hình của máy chủ", cut.Markup);
    }

    [Fact]
    public async Task Saving_sends_the_days_typed_and_shows_the_new_period()
    {
        var mediator = new FakeMediator()
            .On<GetRetention, RetentionStatus>(_ => new RetentionStatus(365, 365, false, 0, null))
            .On<SetRetention, RetentionStatus>(r => new RetentionStatus(r.ClosedCaseDays ?? 365, 365, r.ClosedCaseDays is not null, 0, null));
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<RetentionPage>();
        cut.WaitForAssertion(() => Assert.Contains("has not run yet", cut.Markup));

        cut.Find("input").Change("0");
        await cut.Find("form").SubmitAsync();

        Assert.Equal(0, Assert.Single(mediator.SentOf<SetRetention>()).ClosedCaseDays);
        cut.WaitForAssertion(() => Assert.Contains("Kept without limit", cut.Find("[data-testid=retention-period]").TextContent));
        Assert.Contains("the server's configuration says 365 days", cut.Markup);
    }

    [Fact]
    public async Task An_admin_finds_the_page_in_the_administration_menu_and_a_coordinator_does_not()
    {
        await using var ctx = ComponentContext.Create("en-US");
        MyAccount Account(Role role) => new(1, "x@demo.local", "Người dùng", [role], new UnitRef(1, "P", "Tỉnh"));

        Assert.Contains("/admin/retention", ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(Role.Admin))).Markup);
        Assert.DoesNotContain("/admin/retention", ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(Role.Coordinator))).Markup);
    }
}

using Microsoft.Playwright;

namespace Triage.Tests.Browser;

/// <summary>The Content-Security-Policy holds scripts to the desk's own, and the pages still work under it.</summary>
public sealed class SecurityPolicyBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task The_circuit_menus_dialogs_charts_and_the_report_form_work_with_nothing_refused_by_the_policy()
    {
        var caseId = await desk.FileReport("Tin đồn vắc xin gây vô sinh lan truyền trong nhóm Zalo của xã");

        var member = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(member, "member@demo.local");
        await member.GotoAsync("/reports/new");
        await member.FillAsync("textarea#text", "Bài đăng nói nước chanh chữa khỏi ung thư");
        await member.GotoAsync("/reports/mine");
        await BrowserDesk.WaitInteractive(member);
        await Assertions.Expect(member.Locator(".mud-main-content")).ToContainTextAsync("vắc xin");

        var coordinator = await desk.NewPage();
        await BrowserDesk.SignIn(coordinator, "coordinator@demo.local");
        await coordinator.ClickAsync("nav a[href='/dashboard']");
        await Assertions.Expect(coordinator.Locator("svg").First).ToBeVisibleAsync();
        await coordinator.ClickAsync("nav a[href='/queue']");
        await Assertions.Expect(coordinator.Locator($"[data-case-link='{caseId}']").First).ToBeVisibleAsync();
        await coordinator.GotoAsync($"/cases/{caseId}");
        await BrowserDesk.WaitInteractive(coordinator);
        await Assertions.Expect(coordinator.Locator(".mud-main-content")).ToContainTextAsync("vắc xin");
        await coordinator.GotoAsync("/routing");
        await BrowserDesk.WaitInteractive(coordinator);
        await coordinator.ClickAsync("[data-testid=new-rule]");
        await coordinator.Locator("[data-testid=rule-queue]").First.ClickAsync();
        await Assertions.Expect(coordinator.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();

        Assert.Empty(desk.PolicyViolations);
    }
}

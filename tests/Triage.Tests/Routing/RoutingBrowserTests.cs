using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Triage.Tests.Browser;

namespace Triage.Tests.Routing;

public sealed class RoutingBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_coordinator_previews_a_keyword_rule_on_recent_cases_then_saves_it()
    {
        var caseId = await desk.FileReport("Kêu gọi cuộc đấu tranh trước cổng ủy ban huyện sáng mai, mọi người hãy chia sẻ thật nhanh");
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "coordinator@demo.local");

        await page.ClickAsync("nav a[href='/routing']");
        await page.WaitForURLAsync(url => url.EndsWith("/routing", StringComparison.Ordinal), BrowserDesk.SameDocument);
        await BrowserDesk.WaitInteractive(page);
        await Assertions.Expect(page.Locator("[data-testid=queues]")).ToContainTextAsync("Inbox");
        await Assertions.Expect(page.Locator("[data-testid=no-rules]")).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=new-rule]");
        await page.Locator("[data-testid=rule-name] input, input[data-testid=rule-name]").First.FillAsync("Đấu tranh");
        await page.Locator("#rule-keywords").FillAsync("dau tranh");
        await page.Locator("#rule-keywords").BlurAsync();
        await page.ClickAsync("[data-testid=rule-preview-button]");
        await Assertions.Expect(page.Locator("[data-testid=rule-preview]")).ToContainTextAsync("1 would match");
        await Assertions.Expect(page.Locator($"[data-preview-case='{caseId}']")).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=rule-save]");
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error").First).ToContainTextAsync("Required");

        await page.Locator("[data-testid=rule-queue]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        // Save only once the server has taken the choice (it renders the chosen queue): a save sent while the
        // select is still handling the click carries no queue and is refused again.
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Put in queue" })).ToContainTextAsync(new Regex("^Inbox"));
        await page.ClickAsync("[data-testid=rule-save]");
        await Assertions.Expect(page.Locator("[data-testid=rules]")).ToContainTextAsync("1. Đấu tranh");
    }
}

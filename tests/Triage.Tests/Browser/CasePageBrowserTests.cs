using Microsoft.Playwright;
using Triage.Tests.Support;

namespace Triage.Tests.Browser;

public sealed class CasePageBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private static async Task Choose(IPage page, string select, string option)
    {
        await page.ClickAsync($"[data-testid={select}]");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_reviewer_opens_a_case_unblurs_its_screenshot_with_the_keyboard_and_classifies_it()
    {
        var caseId = await desk.FileReport(
            "Tin đồn: uống giấm táo mỗi sáng làm tan sỏi thận chỉ sau một tuần, không cần đi khám",
            new FilePayload { Name = "chup-man-hinh.png", MimeType = "image/png", Buffer = TestImages.Png(64, 64) });
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "reviewer@demo.local");
        await page.GotoAsync($"/cases/{caseId}");
        await BrowserDesk.WaitInteractive(page);

        var shot = page.Locator("[data-testid=evidence] button").First;
        await Assertions.Expect(shot).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("evidence-blurred"));
        await Assertions.Expect(shot.Locator("img")).ToHaveCSSAsync("filter", new System.Text.RegularExpressions.Regex("^blur"));
        await shot.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(shot).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(shot.Locator("img")).ToHaveCSSAsync("filter", "none");
        Assert.True(await shot.Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 64"), "The screenshot did not load.");

        await Choose(page, "verdict", "False");
        await Choose(page, "category", "Health");
        await Choose(page, "severity", "3 · Serious");
        await page.FillAsync("[data-testid=technique-search]", "state propaganda");
        await page.Locator("[data-testid=technique-match]").Filter(new() { HasText = "T0002" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=technique-chips]")).ToContainTextAsync("T0002");
        await page.ClickAsync("[data-testid=classify-submit]");

        await Assertions.Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync("Being reviewed");
        await Assertions.Expect(page.Locator("[data-testid=priority-severity]")).ToContainTextAsync("+30");
        await Assertions.Expect(page.Locator("[data-testid=action-dismissal]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

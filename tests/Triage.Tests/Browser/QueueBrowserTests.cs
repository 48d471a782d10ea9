using Microsoft.Playwright;
using Triage.Tests.Support;

namespace Triage.Tests.Browser;

public sealed class QueueBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private const string Report = "Cuộc đấu tranh giành đất ở xã Tân Phú đã bị dập tắt, hàng trăm người bị bắt trong đêm, báo chí không được đưa tin";

    [Fact]
    public async Task A_reviewer_finds_a_case_by_searching_without_diacritics_then_classifies_and_assigns_it_with_the_keyboard()
    {
        var caseId = await desk.FileReport(Report);
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "reviewer@demo.local");

        await page.ClickAsync("nav a[href='/queue']");
        await page.WaitForURLAsync(url => url.EndsWith("/queue", StringComparison.Ordinal), BrowserDesk.SameDocument);
        await Assertions.Expect(page.Locator("[data-testid=queue-grid]")).ToBeVisibleAsync();
        await page.Locator("body[data-queue-shortcuts=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        // "?" lists the shortcuts; Esc closes the list.
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator("[data-testid=shortcuts]")).ToContainTextAsync("Next case");
        // The dialog hears Esc only from inside itself; it takes the focus once its key handler is set up.
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog') != null");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=shortcuts]")).ToHaveCountAsync(0);

        // No accents typed: the folded search still finds "đấu tranh giành đất".
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.Locator("#queue-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("dau tranh gianh dat");
        var link = page.Locator($"[data-case-link='{caseId}']");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-case-link]")).ToHaveCountAsync(1);
        // The search box commits after a pause in typing, so a slow machine may search "dau tranh" first: wait for
        // the whole query, or leaving the box would commit the rest and reload the list under the next key.
        await page.WaitForURLAsync(url => Uri.UnescapeDataString(url).Contains("q=dau tranh gianh dat", StringComparison.Ordinal), BrowserDesk.SameDocument);

        // Out of the search box, j makes the case current: highlighted, selected for assistive technology, focused.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(link).ToBeFocusedAsync();
        var row = page.Locator("tr.queue-current");
        await Assertions.Expect(row).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(row).ToContainTextAsync("đấu tranh");

        // c: verdict, category and severity by type-ahead, Tab between them, Enter saves.
        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page.Locator("#classify-verdict")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("m");
        await Assertions.Expect(page.Locator("#classify-verdict")).ToHaveValueAsync("misleading");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("h");
        await Assertions.Expect(page.Locator("#classify-category")).ToHaveValueAsync("health");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("3");
        await Assertions.Expect(page.Locator("#classify-severity")).ToHaveValueAsync("3");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"#{caseId} classified" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=classify-form]")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("[data-testid=case-verdict]")).ToContainTextAsync("Misleading · Health");

        // The case stays current after the refresh; a: the responder's email, Enter assigns.
        await Assertions.Expect(link).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.Locator("#assign-email")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("responder@demo.local");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"#{caseId} assigned" })).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("[data-testid=case-status]")).ToContainTextAsync("Answer being prepared");

        var detail = await BrowserDesk.GetJson(page, $"/api/v1/cases/{caseId}");
        Assert.Equal("assigned", detail.GetProperty("status").GetString());
        Assert.Equal("misleading", detail.GetProperty("verdict").GetString());
        Assert.Equal("health", detail.GetProperty("category").GetString());
        Assert.Equal(3, detail.GetProperty("severity").GetInt32());
        Assert.Equal("responder@demo.local", detail.GetProperty("assignee").GetProperty("email").GetString());
        await page.Context.CloseAsync();
    }
}

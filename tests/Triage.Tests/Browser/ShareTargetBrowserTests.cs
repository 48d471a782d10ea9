using Microsoft.Playwright;

namespace Triage.Tests.Browser;

/// <summary>A post shared from another app's share sheet into the installed desk (the manifest's share target).</summary>
public sealed class ShareTargetBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_signed_out_member_sharing_a_facebook_post_signs_in_and_finds_the_form_filled_and_not_sent()
    {
        // A page of the fixture's own, so anything the desk's Content-Security-Policy refuses is recorded.
        var page = await desk.NewPage("vi-VN");
        const string link = "https://www.facebook.com/share/p/1AbCdEfGh/?mibextid=WC7FNe";

        // A draft left from an earlier, unfinished report on this phone must not cover the shared post.
        await page.GotoAsync("/account/login");
        await page.EvaluateAsync("() => localStorage.setItem('triage.reportDraft', JSON.stringify({ url: 'https://vnexpress.net/cu', text: 'bản nháp cũ' }))");

        // What Android's share sheet opens: title and text, the link inside the text.
        await page.GotoAsync("/reports/new?title=" + Uri.EscapeDataString("Tin nóng") + "&text=" +
            Uri.EscapeDataString("Bộ Y tế phát thuốc miễn phí " + link));
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.FillAsync("#email", "member@demo.local");
        await page.FillAsync("#password", Support.TestDesk.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/reports/new");
        await Assertions.Expect(page.Locator("[data-report-form]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#url")).ToHaveValueAsync(link);
        await Assertions.Expect(page.Locator("#text")).ToHaveValueAsync("Tin nóng\nBộ Y tế phát thuốc miễn phí");
        await Assertions.Expect(page.Locator("#platform")).ToHaveValueAsync("facebook");

        // The address drops the shared words once they are in the draft, so a reload keeps the member's edits.
        await page.WaitForURLAsync(url => new Uri(url).Query.Length == 0, BrowserDesk.SameDocument);
        await page.FillAsync("#text", "Bộ Y tế phát thuốc miễn phí? Không thấy trên trang của Bộ");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#text")).ToHaveValueAsync("Bộ Y tế phát thuốc miễn phí? Không thấy trên trang của Bộ");
        await Assertions.Expect(page.Locator("#url")).ToHaveValueAsync(link);

        var mine = await BrowserDesk.GetJson(page, "/api/v1/reports/mine");
        Assert.Equal(0, mine.GetProperty("items").GetArrayLength());
        Assert.Empty(desk.PolicyViolations);
        await page.Context.CloseAsync();
    }
}

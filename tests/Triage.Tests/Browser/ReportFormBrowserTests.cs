using Microsoft.Playwright;
using Triage.Tests.Support;

namespace Triage.Tests.Browser;

public sealed class ReportFormBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private async Task<IPage> PhonePage()
    {
        var context = await desk.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = desk.BaseUrl, Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 360, Height = 740 }, HasTouch = true, IsMobile = true,
        });
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task A_member_on_a_phone_files_a_report_with_a_screenshot_survives_a_reload_and_sees_it_in_my_reports()
    {
        var page = await PhonePage();
        await BrowserDesk.SignIn(page, "member@demo.local");
        // From the start page's button: the form is a plain page, loaded whole, not rendered in the circuit.
        await page.ClickAsync("[data-testid=report-now]");
        // Committed is enough: the form's own visibility is the readiness that matters, and the page's load event
        // (every script and font) once took longer than 30 s on a machine busy with a build.
        await page.WaitForURLAsync(url => url.EndsWith("/reports/new", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        // The form's script suggests the platform from the link: typing before it runs would suggest nothing.
        await Assertions.Expect(page.Locator("[data-report-form][data-ready=true]")).ToBeVisibleAsync();

        await page.FillAsync("#url", "https://m.facebook.com/story.php?story_fbid=9876543210&id=100012345&mibextid=Nif5oz");
        await page.FillAsync("#text", "Tin giả: từ tháng sau mỗi hộ phải nộp 2 triệu đồng phí môi trường");
        await Assertions.Expect(page.Locator("#platform")).ToHaveValueAsync("facebook");

        // The connection drops or the phone reloads the tab: what was typed is still there.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#text")).ToHaveValueAsync("Tin giả: từ tháng sau mỗi hộ phải nộp 2 triệu đồng phí môi trường");
        await Assertions.Expect(page.Locator("#url")).ToHaveValueAsync("https://m.facebook.com/story.php?story_fbid=9876543210&id=100012345&mibextid=Nif5oz");

        await page.SetInputFilesAsync("#screenshots", new FilePayload { Name = "chup-man-hinh.png", MimeType = "image/png", Buffer = TestImages.Png(4, 4) });
        await page.SelectOptionAsync("#category", "economy");
        await page.ClickAsync("[data-testid=report-submit]");

        await page.WaitForURLAsync(url => url.Contains("/reports/mine", StringComparison.Ordinal));
        await BrowserDesk.WaitInteractive(page);
        await Assertions.Expect(page.Locator("[data-testid=report-received]")).ToBeVisibleAsync();
        var report = page.Locator("[data-testid=my-report]").First;
        await Assertions.Expect(report).ToContainTextAsync("2 triệu đồng phí môi trường");
        await Assertions.Expect(report).ToContainTextAsync("Đã tiếp nhận");
        await Assertions.Expect(report).ToContainTextAsync("1 ảnh");

        // Filed: the next form starts empty.
        await page.GotoAsync("/reports/new");
        await Assertions.Expect(page.Locator("#text")).ToHaveValueAsync("");
        Assert.False(await HasHorizontalScroll(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_empty_report_stays_on_the_form_with_a_message_and_a_double_tap_files_once()
    {
        var page = await PhonePage();
        await BrowserDesk.SignIn(page, "member@demo.local");
        await page.GotoAsync("/reports/new");

        await page.ClickAsync("[data-testid=report-submit]");
        await Assertions.Expect(page.Locator("#report-error")).ToBeVisibleAsync();

        await page.FillAsync("#text", "Cảnh báo: tin nhắn giả mạo ngân hàng yêu cầu cập nhật sinh trắc học qua đường link lạ");
        await page.DblClickAsync("[data-testid=report-submit]");
        await page.WaitForURLAsync(url => url.Contains("/reports/mine", StringComparison.Ordinal));
        await BrowserDesk.WaitInteractive(page);

        await Assertions.Expect(page.Locator("[data-testid=my-report]").Filter(new() { HasText = "sinh trắc học" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    private static Task<bool> HasHorizontalScroll(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
}

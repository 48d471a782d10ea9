using Microsoft.Playwright;

namespace Triage.Tests.Browser;

/// <summary>What people expect of any page: a 404 in their words, "?" for the shortcuts, and a dropped connection mended by itself.</summary>
public sealed class ExpectationsBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private static Task ShortcutsReady(IPage page) =>
        page.Locator("body[data-desk-shortcuts=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    [Fact]
    public async Task Question_mark_on_the_start_page_lists_the_shortcuts_in_the_pages_language()
    {
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, "reviewer@demo.local");
        await ShortcutsReady(page);

        await page.Keyboard.PressAsync("?");

        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Phím tắt");
        await Assertions.Expect(dialog.Locator("[data-testid=desk-shortcuts]")).ToContainTextAsync("Đến hàng đợi thẩm định");
        // A reviewer files no reports: the list holds only what their roles reach.
        await Assertions.Expect(dialog.Locator("[data-testid=desk-shortcuts]")).Not.ToContainTextAsync("Báo cáo tin xấu độc");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task G_then_q_takes_a_reviewer_to_the_queue_where_question_mark_lists_both_lists_once()
    {
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "reviewer@demo.local");
        await ShortcutsReady(page);

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("q");

        await page.WaitForURLAsync(desk.BaseUrl + "/queue", BrowserDesk.SameDocument);
        await page.Locator("body[data-queue-shortcuts=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator(".mud-dialog [data-testid=shortcuts]")).ToContainTextAsync("Next case");
        await Assertions.Expect(page.Locator(".mud-dialog [data-testid=desk-shortcuts]")).ToContainTextAsync("Go to my work");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_question_mark_typed_into_a_field_stays_in_the_field()
    {
        var caseId = await desk.FileReport("Tin đồn kiểm tra phím tắt: ăn tỏi sống mỗi ngày thì không bao giờ bị ung thư");
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "reviewer@demo.local");
        await page.GotoAsync($"/cases/{caseId}");
        await BrowserDesk.WaitInteractive(page);
        await ShortcutsReady(page);
        var comment = page.Locator("textarea[data-testid=comment-text]");

        await comment.PressSequentiallyAsync("Is this the same claim as last week? g q");

        await Assertions.Expect(comment).ToHaveValueAsync("Is this the same claim as last week? g q");
        Assert.Equal(0, await page.Locator(".mud-dialog").CountAsync());
        Assert.EndsWith($"/cases/{caseId}", page.Url, StringComparison.Ordinal);
        // Outside the field the same key does open the list: the listener was there all along.
        await comment.BlurAsync();
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator(".mud-dialog [data-testid=desk-shortcuts]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_whether_loaded_or_reached_inside_the_desk()
    {
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, "member@demo.local");

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveTextAsync("Không tìm thấy trang này");
        await Assertions.Expect(page.Locator("a[href='/help']")).ToHaveTextAsync("Xem trang hướng dẫn");

        await page.GotoAsync("/");
        await BrowserDesk.WaitInteractive(page);
        await page.EvaluateAsync("Blazor.navigateTo('/reports/mine/no-such-page')");
        await page.WaitForURLAsync(desk.BaseUrl + "/reports/mine/no-such-page", BrowserDesk.SameDocument);
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveTextAsync("Không tìm thấy trang này");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_dropped_connection_is_announced_in_vietnamese_and_mended_without_losing_what_was_typed()
    {
        var caseId = await desk.FileReport("Tin đồn kiểm tra kết nối: sóng điện thoại 5G làm chết cây xanh trong thành phố");
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, "reviewer@demo.local");
        await page.GotoAsync($"/cases/{caseId}");
        await BrowserDesk.WaitInteractive(page);
        var comment = page.Locator("textarea[data-testid=comment-text]");
        var notice = page.Locator("#components-reconnect-modal .reconnect-trying");
        await comment.FillAsync("Đã đối chiếu với thông cáo của Sở Y tế, đây là tin sai.");
        await Assertions.Expect(notice).ToBeHiddenAsync();

        // Offline keeps the reconnection attempts failing; closing the socket is what a network change does to it.
        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("Blazor._internal.forceCloseConnection()");

        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("Mất kết nối. Đang kết nối lại…");
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToHaveAttributeAsync("role", "status");

        await page.Context.SetOfflineAsync(false);

        await Assertions.Expect(notice).ToBeHiddenAsync();
        await Assertions.Expect(comment).ToHaveValueAsync("Đã đối chiếu với thông cáo của Sở Y tế, đây là tin sai.");
        await page.ClickAsync("[data-testid=comment-submit]");
        await Assertions.Expect(page.Locator("[data-testid=comment]")).ToContainTextAsync("đây là tin sai");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_comment_being_typed_survives_the_reload_when_the_server_no_longer_knows_the_circuit()
    {
        var caseId = await desk.FileReport("Tin đồn kiểm tra tải lại: nhà mạng sắp thu phí tin nhắn Zalo từ tháng sau");
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "reviewer@demo.local");
        await page.GotoAsync($"/cases/{caseId}");
        await BrowserDesk.WaitInteractive(page);
        var comment = page.Locator("textarea[data-testid=comment-text]");
        await comment.FillAsync("Checked with the operator: no such fee is planned.");
        await page.EvaluateAsync("document.body.dataset.before = 'reload'");

        // What Blazor tells the notice when the server answers but has lost the circuit (it restarted): the page reloads.
        await page.EvaluateAsync("""
            document.getElementById("components-reconnect-modal").dispatchEvent(
                new CustomEvent("components-reconnect-state-changed", { detail: { state: "rejected" } }))
            """);

        await page.Locator("body:not([data-before]) [data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(comment).ToHaveValueAsync("Checked with the operator: no such fee is planned.");
        await page.ClickAsync("[data-testid=comment-submit]");
        await Assertions.Expect(page.Locator("[data-testid=comment]")).ToContainTextAsync("no such fee is planned");
        Assert.Equal(0, await page.EvaluateAsync<int>("sessionStorage.length"));
        await page.Context.CloseAsync();
    }
}

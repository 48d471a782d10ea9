using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Triage.Server.Data;
using Triage.Tests.Support;

namespace Triage.Tests.Browser;

public sealed class MyWorkBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    /// <summary>As a reviewer's classification and assignment leave it (those are tested on their own).</summary>
    private async Task AssignToResponder(long caseId, string note)
    {
        await using var connection = await desk.Desk.Services.GetRequiredService<Db>().OpenAsync();
        await connection.ExecuteAsync("""
            UPDATE cases SET status = 'assigned', verdict = 'false', category = 'health', severity = 3, classification_note = @note,
                assignee_user_id = (SELECT id FROM users WHERE email = 'responder@demo.local')
            WHERE id = @caseId
            """, new { caseId, note });
    }

    [Fact]
    public async Task On_a_phone_a_responder_finds_the_case_opens_its_brief_with_one_tap_and_goes_on_to_write_the_answer()
    {
        var caseId = await desk.FileReport(
            "Tin đồn: nhà máy nước của huyện bị nhiễm độc, người dân không được dùng nước máy trong ba ngày tới",
            new FilePayload { Name = "chup-man-hinh.png", MimeType = "image/png", Buffer = TestImages.Png(64, 64) });
        await AssignToResponder(caseId, "Công ty cấp nước đã có thông báo chính thức: nước đạt chuẩn.");
        var page = await desk.NewPage();
        await page.SetViewportSizeAsync(360, 740);
        await BrowserDesk.SignIn(page, "responder@demo.local");

        await page.GotoAsync("/work");
        await BrowserDesk.WaitInteractive(page);
        var card = page.Locator($"[data-my-case='{caseId}']");
        await Assertions.Expect(card.Locator("[data-testid=my-case-classification]")).ToHaveTextAsync("False · Health · 3 – serious");
        await card.Locator("[data-testid=my-case-brief-toggle]").ClickAsync();

        var brief = card.Locator("[data-testid=case-brief]");
        await Assertions.Expect(brief.Locator("[data-testid=brief-note]")).ToHaveTextAsync("Công ty cấp nước đã có thông báo chính thức: nước đạt chuẩn.");
        await Assertions.Expect(brief.Locator("[data-testid=report-text]")).ToContainTextAsync("nhà máy nước của huyện");
        await Assertions.Expect(brief.Locator("[data-testid=evidence] img")).ToHaveCSSAsync("filter", new System.Text.RegularExpressions.Regex("^blur"));
        // Usable at 360 px: nothing pushes the page wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 360 px.");

        await card.Locator("[data-testid=my-case-answer-link]").ClickAsync();
        await page.WaitForURLAsync($"**/cases/{caseId}#responses", BrowserDesk.SameDocument);
        await page.Context.CloseAsync();
    }
}

using System.Globalization;
using Triage.Tests.Browser;

namespace Triage.Tests.Exports;

public sealed class ExportsBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_coordinator_downloads_the_reports_file_and_the_page_counts_its_rows_as_they_arrive()
    {
        const string text = "Cảnh báo: \"nước muối sinh lý\" chữa khỏi sốt xuất huyết,\nbác sĩ khuyên dùng, chia sẻ ngay!";
        await desk.FileReport(text);
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, "coordinator@demo.local");
        await page.GotoAsync("/exports");
        await BrowserDesk.WaitInteractive(page);
        var expected = await page.Locator("[data-testid=export-reports-rows]").TextContentAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-reports-download]"));

        Assert.Matches(@"^reports-P-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var file = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(ExportDesk.Utf8Bom, file[..3]);
        var rows = ExportDesk.Parse(file).Rows;
        Assert.Contains(rows, r => r["text"] == text);
        Assert.Equal($"{rows.Count.ToString("N0", new CultureInfo("vi-VN"))} dòng", expected?.Trim());
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=export-reports-done]"))
            .ToHaveTextAsync($"Đã lưu {rows.Count.ToString("N0", new CultureInfo("vi-VN"))} dòng vào tệp {download.SuggestedFilename}.");
        await page.Context.CloseAsync();
    }
}

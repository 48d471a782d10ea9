using System.Text;
using Microsoft.Playwright;

namespace Triage.Tests.Browser;

public sealed class DashboardBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Theory]
    [InlineData("en-US", "Dashboard", "Open cases by age", "Under a day")]
    [InlineData("vi-VN", "Bảng số liệu", "Vụ việc đang mở theo thời gian chờ", "Dưới 1 ngày")]
    public async Task A_coordinator_opens_the_dashboard_reads_a_figure_as_a_table_and_downloads_it_as_csv(string locale, string title, string backlog, string underADay)
    {
        await desk.FileReport($"Tin đồn {locale}: uống nước dừa mỗi sáng thay được thuốc huyết áp");
        var page = await desk.NewPage(locale);
        await BrowserDesk.SignIn(page, "coordinator@demo.local");

        await page.ClickAsync("nav a[href='/dashboard']");
        await BrowserDesk.WaitInteractive(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        var figure = page.Locator("[data-testid=figure-backlog]");
        await Assertions.Expect(figure.Locator("h2")).ToHaveTextAsync(backlog);
        var fresh = figure.Locator("tbody tr").First;
        await Assertions.Expect(fresh.Locator("td").First).ToHaveTextAsync(underADay);
        var shown = int.Parse(await fresh.Locator("td").Nth(1).TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(shown >= 1, "The report filed a moment ago is an open case under a day old.");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=figure-backlog-csv]"));

        Assert.Equal("backlog.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal($"{underADay},{shown}", lines[1]);

        // Drilling down from the province opens the district's own figures.
        await page.Locator("[data-testid=drill-down]").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("unit=", StringComparison.Ordinal), BrowserDesk.SameDocument);
        await Assertions.Expect(page.Locator("[data-testid=dashboard-summary]")).Not.ToContainTextAsync("tỉnh");
        await page.Context.CloseAsync();
    }
}

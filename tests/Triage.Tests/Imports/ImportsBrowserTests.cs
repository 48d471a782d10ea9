using Microsoft.Playwright;
using Triage.Tests.Browser;

namespace Triage.Tests.Imports;

public sealed class ImportsBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_coordinator_uploads_a_sheet_checks_it_and_imports_it_into_cases()
    {
        const string claim = "Thông báo khẩn: từ tháng sau ngân hàng sẽ khóa mọi tài khoản chưa cập nhật căn cước, bấm vào đường link để cập nhật ngay!";
        var existing = await desk.FileReport(claim);
        var sheet = ImportDesk.Csv($"""
            Nội dung,Nền tảng,Thời gian
            "{claim}",Zalo,26/11/2026 8:15
            "Tin đồn: uống nước dừa tươi mỗi ngày chữa khỏi bệnh tiểu đường, không cần thuốc.",Facebook,25/11/2026
            ,Facebook,
            """);
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, "coordinator@demo.local");
        await page.GotoAsync("/imports");
        await BrowserDesk.WaitInteractive(page);

        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "nhom-zalo.csv", MimeType = "text/csv", Buffer = sheet });
        await page.ClickAsync("[data-testid=import-check]");

        await Assertions.Expect(page.Locator("[data-testid=import-prediction]"))
            .ToHaveTextAsync("1 dòng sẽ tạo vụ việc mới, 1 dòng sẽ gộp vào vụ việc đang mở, 1 dòng có lỗi sẽ bị bỏ qua.");
        await Assertions.Expect(page.Locator("[data-testid=import-errors] tr[data-line='4']"))
            .ToContainTextAsync("Dòng này không có cả đường link lẫn nội dung (Nội dung)");
        await page.ClickAsync("[data-testid=import-commit]");

        await Assertions.Expect(page.Locator("[data-testid=import-done]"))
            .ToHaveTextAsync("Đã nhập 2 dòng: 1 dòng tạo vụ việc mới, 1 dòng gộp vào vụ việc đang mở; bỏ qua 1 dòng.");
        var links = await page.Locator("[data-testid=import-imported] a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal($"/cases/{existing}", links[0]);
        var created = await BrowserDesk.GetJson(page, $"/api/v1{links[1]}");
        Assert.Equal(1, created.GetProperty("reportCount").GetInt32());
        Assert.Equal(2, (await BrowserDesk.GetJson(page, $"/api/v1/cases/{existing}")).GetProperty("reportCount").GetInt32());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_real_server_refuses_a_body_over_the_limit_with_413_problem_details()
    {
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "coordinator@demo.local");
        var huge = new ByteArrayContent(new byte[ImportsApiLimit + 1]);
        huge.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { huge, "file", "huge.csv" } };
        // The browser's session and antiforgery token, sent from HttpClient: the desk refuses by Content-Length and
        // closes, and a client that is still sending gets a broken pipe instead of the answer (Playwright's request
        // did, on CI). HttpClient can ask for 100-continue and send nothing until the desk has answered.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, Expect100ContinueTimeout = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = new Uri(desk.BaseUrl),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/reports?dryRun=true") { Content = form };
        request.Headers.ExpectContinue = true;
        request.Headers.Add("Cookie", string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}")));
        foreach (var (name, value) in await BrowserDesk.AntiforgeryHeader(page)) request.Headers.Add(name, value);

        using var response = await client.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("5 MB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>Past the body limit itself, so Kestrel stops reading before the endpoint sees the file.</summary>
    private const long ImportsApiLimit = Triage.Server.Imports.ImportsApi.MaxBody;
}

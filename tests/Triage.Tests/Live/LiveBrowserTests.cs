using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Triage.Tests.Browser;
using Xunit.Abstractions;
using static System.FormattableString;

namespace Triage.Tests.Live;

/// <summary>Real pages on a real desk: what others do shows up without a reload.</summary>
public sealed class LiveBrowserTests(BrowserDesk desk, ITestOutputHelper output) : IClassFixture<BrowserDesk>
{
    private static string Claim(string topic) =>
        $"Tin khẩn {topic}: {Guid.NewGuid():N} — uống nước lá ổi mỗi sáng chữa khỏi tiểu đường sau ba ngày, bác sĩ đã xác nhận";

    /// <summary>A signed-in member's page ready to post reports over the pages' own Kestrel.</summary>
    private async Task<Func<string, Task<long>>> MemberAsync()
    {
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, "member@demo.local");
        var antiforgery = await BrowserDesk.GetJson(page, "/api/v1/antiforgery");
        var headers = new Dictionary<string, string> { [antiforgery.GetProperty("headerName").GetString()!] = antiforgery.GetProperty("token").GetString()! };
        return async text =>
        {
            var form = page.APIRequest.CreateFormData();
            form.Set("text", text);
            var response = await page.APIRequest.PostAsync("/api/v1/reports", new APIRequestContextOptions { Multipart = form, Headers = headers });
            Assert.Equal(201, response.Status);
            return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("caseId").GetInt64();
        };
    }

    private async Task<IPage> QueueAsync(string email)
    {
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, email);
        await page.GotoAsync("/queue?sort=recent");
        await BrowserDesk.WaitInteractive(page);
        await Assertions.Expect(page.Locator("[data-testid=queue-grid]")).ToBeVisibleAsync();
        await page.Locator("body[data-queue-shortcuts=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        // Survives only if the page is never reloaded; the observer notes, by the same clock the test reads,
        // when a case link the page did not show at first appears (Playwright's own waiting polls more coarsely).
        await page.EvaluateAsync("""
            () => {
                window.__sameDocument = true;
                const known = new Set([...document.querySelectorAll("[data-case-link]")].map(a => a.dataset.caseLink));
                new MutationObserver(() => {
                    if (window.__newCaseAt) return;
                    if ([...document.querySelectorAll("[data-case-link]")].some(a => !known.has(a.dataset.caseLink))) window.__newCaseAt = Date.now();
                }).observe(document.body, { subtree: true, childList: true });
            }
            """);
        return page;
    }

    /// <summary>
    /// Ten readers with the queue open (the figure behind the README's live section is printed: the time
    /// from sending the report until each page shows its case). Asserts only that every page shows it, unreloaded.
    /// </summary>
    [Fact]
    public async Task A_new_case_appears_on_every_open_queue_page_without_a_reload()
    {
        var submit = await MemberAsync();
        var pages = new List<IPage>();
        for (var i = 0; i < 10; i++) pages.Add(await QueueAsync(i % 2 == 0 ? "reviewer@demo.local" : "coordinator@demo.local"));

        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        var caseId = await submit(Claim("hàng đợi"));
        var sent = clock.Elapsed.TotalMilliseconds;
        var shown = await Task.WhenAll(pages.Select(async page =>
        {
            await page.Locator($"[data-case-link='{caseId}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            return await page.EvaluateAsync<double>("() => window.__newCaseAt") - start;
        }));

        foreach (var page in pages)
        {
            Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
            await Assertions.Expect(page.Locator("[data-testid=queue-live]")).ToContainTextAsync("cases changed: 1");
        }
        Array.Sort(shown);
        output.WriteLine(Invariant($"report answered after {sent:0} ms; shown on 10 pages after {shown[0]:0}–{shown[^1]:0} ms (median {shown[4]:0} ms)"));
        foreach (var page in pages) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_reviewers_on_one_case_see_each_other_until_one_leaves()
    {
        var submit = await MemberAsync();
        var caseId = await submit(Claim("vụ việc"));
        var reviewer = await desk.NewPage();
        await BrowserDesk.SignIn(reviewer, "reviewer@demo.local");
        await reviewer.GotoAsync($"/cases/{caseId}");
        await BrowserDesk.WaitInteractive(reviewer);
        await Assertions.Expect(reviewer.Locator("[data-testid=case-header]")).ToBeVisibleAsync();
        var admin = await desk.NewPage();
        await BrowserDesk.SignIn(admin, "admin@demo.local");

        await admin.GotoAsync($"/cases/{caseId}");
        await BrowserDesk.WaitInteractive(admin);

        await Assertions.Expect(reviewer.Locator("[data-testid=case-viewers]")).ToHaveTextAsync("Also viewing: Nguyễn Thị Minh Anh");
        await Assertions.Expect(admin.Locator("[data-testid=case-viewers]")).ToHaveTextAsync("Also viewing: Lê Thị Hồng Nhung");
        await admin.Context.CloseAsync();
        await Assertions.Expect(reviewer.Locator("[data-testid=case-viewers]")).ToHaveTextAsync("");
        await reviewer.Context.CloseAsync();
    }
}

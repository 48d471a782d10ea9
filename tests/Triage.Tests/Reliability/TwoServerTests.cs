using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Playwright;
using Triage.Tests.Browser;
using Triage.Tests.Support;

namespace Triage.Tests.Reliability;

/// <summary>
/// Two built servers on their own loopback ports and data directories, sharing one PostgreSQL database and one Redis:
/// what a load balancer in front of several app servers relies on. Runs where both TRIAGE_TEST_POSTGRES and
/// TRIAGE_TEST_REDIS are set (<c>.ci/run</c> sets them).
/// </summary>
public sealed class TwoServerTests : IAsyncLifetime
{
    private readonly string _directoryA = TempDirectory.Create();
    private readonly string _directoryB = TempDirectory.Create();
    private readonly ServerProcess _a;
    private readonly ServerProcess _b;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public TwoServerTests()
    {
        if (!MultiServerFactAttribute.CanRun)
        {
            _a = _b = null!;
            return;
        }
        // Both servers on A's database; B's data directory (its own keys/ folder) stays apart, so a cookie that works on
        // both proves the key ring is shared through the database, not through a folder.
        var shared = TestDatabase.EnvironmentFor(_directoryA).ToDictionary(kv => kv.Key, kv => kv.Value!);
        shared["Triage__Redis__ConnectionString"] = RedisFactAttribute.Connection;
        shared["Triage__Redis__Channel"] = $"triage:test:{Guid.NewGuid():N}";
        shared["Triage__Demo__Password"] = TestDesk.DemoPassword;
        shared["Triage__Sla__WatchInterval"] = "00:00:01";
        _a = new ServerProcess(_directoryA, "Development", shared);
        _b = new ServerProcess(_directoryB, "Development", shared);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [MultiServerFact]
    public async Task A_report_and_who_views_it_on_one_server_appear_live_on_the_other_which_keeps_working_and_watching_slas_after_the_first_dies()
    {
        // One after the other: the second finds the schema migrated and the demo seeded by the first.
        await _a.StartAsync();
        await _b.StartAsync();
        var token = (await _a.RunVerbAsync("", "tokens", "issue", "--email", "member@demo.local")).Out.Trim();

        var queue = await OpenQueueAsync(_b, "reviewer@demo.local");
        var title = $"Hai máy chủ {Guid.NewGuid():N}"[..24];
        var filedOnA = await FileAsync(_a, token, title);
        await Assertions.Expect(queue.Locator($"[data-case-link='{filedOnA}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(await queue.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the queue page on B was reloaded");

        // "Also viewing" spans servers: a responder with the case open on A is listed on the reviewer's case page on B.
        await queue.GotoAsync($"/cases/{filedOnA}");
        await BrowserDesk.WaitInteractive(queue);
        await OpenAsync(_a, "responder@demo.local", $"/cases/{filedOnA}");
        string responder;
        await using (var connection = await TestDatabase.OpenAsync(_directoryA))
            responder = await connection.ExecuteScalarAsync<string>("SELECT name FROM users WHERE email = 'responder@demo.local'") ?? "";
        await Assertions.Expect(queue.Locator("[data-testid=case-viewers]")).ToContainTextAsync(responder, new() { Timeout = 30_000 });

        // A cookie issued by A is honoured by B: the key ring lives in the shared database.
        var cookieFromA = await SignInAsync(_a, "reviewer@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookie(_b, "/api/v1/me", cookieFromA)).StatusCode);

        await _a.KillAsync();

        var filedOnB = await FileAsync(_b, token, "Sau khi máy chủ A dừng");
        Assert.NotEqual(filedOnA, filedOnB);
        // A case past its triage due time: only a running SLA watcher records the breach, now B's.
        await using (var connection = await TestDatabase.OpenAsync(_directoryA))
            await connection.ExecuteAsync("""
                UPDATE cases SET sla_started_at = '2026-01-01 00:00:00+00:00', triage_due_at = '2026-01-01 01:00:00+00:00',
                                 sla_stale = FALSE
                WHERE id = @filedOnB
                """, new { filedOnB });
        Assert.True(await EventuallyAsync(async () =>
        {
            await using var connection = await TestDatabase.OpenAsync(_directoryA);
            return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sla_breaches WHERE case_id = @filedOnB", new { filedOnB }) > 0;
        }), "B's SLA watcher did not record the breach after A died:\n" + _b.Log);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(_b.BaseAddress, "/health/ready"))).StatusCode);
    }

    private async Task<IPage> OpenQueueAsync(ServerProcess server, string email)
    {
        var page = await OpenAsync(server, email, "/queue?sort=recent");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        return page;
    }

    private async Task<IPage> OpenAsync(ServerProcess server, string email, string path)
    {
        _playwright ??= await Playwright.CreateAsync();
        _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserDesk.SystemChromium(), Headless = true, Args = ["--no-sandbox", "--disable-gpu"],
        });
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        await BrowserDesk.SignIn(page, email);
        await page.GotoAsync(path);
        await BrowserDesk.WaitInteractive(page);
        return page;
    }

    private async Task<long> FileAsync(ServerProcess server, string token, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "/api/v1/reports"))
        {
            Content = JsonContent.Create(new { text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetInt64();
    }

    private static async Task<string> SignInAsync(ServerProcess server, string email)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = server.BaseAddress,
        };
        using var response = await client.PostSignInForm(email, TestDesk.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private async Task<HttpResponseMessage> GetWithCookie(ServerProcess server, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, path));
        request.Headers.Add("Cookie", cookie);
        return await _http.SendAsync(request);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(250);
        }
        return false;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_a is not null) await _a.KillAsync();
        if (_b is not null) await _b.KillAsync();
        _http.Dispose();
        TestDatabase.Drop(_directoryA);
        TestDatabase.Drop(_directoryB);
        TempDirectory.Delete(_directoryA);
        TempDirectory.Delete(_directoryB);
    }
}

/// <summary>A fact that needs PostgreSQL and Redis: several servers share both.</summary>
public sealed class MultiServerFactAttribute : FactAttribute
{
    public static bool CanRun =>
        TestDatabase.IsPostgres && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RedisFactAttribute.Variable));

    public MultiServerFactAttribute()
    {
        if (!CanRun)
            Skip = "Needs PostgreSQL and Redis: set TRIAGE_TEST_POSTGRES and TRIAGE_TEST_REDIS (tools/services.sh start prints both).";
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Triage.Tests.Support;

namespace Triage.Tests.Browser;

/// <summary>
/// One desk on Kestrel at a random loopback port and one system Chromium, shared by a test class;
/// each test opens its own browser context (own cookies, own language).
/// </summary>
public class BrowserDesk : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserDesk() : this(new DeskFactory()) { }

    /// <summary>For a fixture with its own host settings; xunit needs a fixture's one public constructor to take nothing.</summary>
    protected BrowserDesk(DeskFactory desk) => Desk = desk;

    public DeskFactory Desk { get; }
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Desk.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Desk.StartServer();
        BaseUrl = Desk.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Expectations wait on a condition; Playwright's 5 s ceiling is too short for a circuit's first render on two
        // cores shared with a build, and a longer one costs a passing test nothing.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPage(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                PolicyViolations.Enqueue($"{page.Url}: {message.Text}");
        };
        return page;
    }

    /// <summary>What the browser refused under the desk's Content-Security-Policy, on any page this fixture opened.</summary>
    public ConcurrentQueue<string> PolicyViolations { get; } = new();

    /// <summary>Signs in through the real form and waits until the shell's circuit is interactive.</summary>
    public static async Task SignIn(IPage page, string email, string password = TestDesk.DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await WaitInteractive(page);
    }

    /// <summary>
    /// Files a report as the demo member through the API with a browser's cookie and antiforgery token,
    /// over the same Kestrel the pages use (the factory's in-memory client does not reach it).
    /// </summary>
    public async Task<long> FileReport(string text, FilePayload? screenshot = null)
    {
        var page = await NewPage("vi-VN");
        await SignIn(page, "member@demo.local");
        var form = page.APIRequest.CreateFormData();
        form.Set("text", text);
        if (screenshot is not null) form.Append("screenshots", screenshot);
        var response = await page.APIRequest.PostAsync("/api/v1/reports", new APIRequestContextOptions
        {
            Multipart = form, Headers = await AntiforgeryHeader(page),
        });
        Assert.Equal(201, response.Status);
        var caseId = JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("caseId").GetInt64();
        await page.Context.CloseAsync();
        return caseId;
    }

    /// <summary>Reads an API resource as the signed-in user of the page, to check what a flow stored.</summary>
    public static async Task<JsonElement> GetJson(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(path);
        Assert.Equal(200, response.Status);
        return JsonDocument.Parse(await response.TextAsync()).RootElement;
    }

    /// <summary>The header a cookie-authenticated write needs, as the pages' own script sends it.</summary>
    public static async Task<Dictionary<string, string>> AntiforgeryHeader(IPage page)
    {
        var antiforgery = await GetJson(page, "/api/v1/antiforgery");
        return new() { [antiforgery.GetProperty("headerName").GetString()!] = antiforgery.GetProperty("token").GetString()! };
    }

    /// <summary>
    /// For a URL changed inside the circuit (a link, NavigateTo, a query update): the document stays, so there is no
    /// load event to wait for, and Playwright's default wait for one now and then outlasted its timeout although the
    /// address had changed. What the test then expects of the page is the readiness that counts.
    /// </summary>
    public static PageWaitForURLOptions SameDocument => new() { WaitUntil = WaitUntilState.Commit };

    public static Task WaitInteractive(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

    /// <summary>Debian's chromium package, found on PATH; Playwright's own browser download is unavailable here.</summary>
    public static string SystemChromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("The browser tests need Debian's chromium on PATH: apt-get install -y chromium (.ci/run does this).");

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Desk.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Triage.Bench;

/// <summary>
/// Sustained load on the real desk as its own process, against a bare Kestrel endpoint in a third process as the
/// ceiling of this machine (same loopback, same client, same concurrency): intake, the case list and the plain
/// endpoint in turn, each bounded by time and by count. Then the memory an interactive Blazor circuit costs the
/// desk, from the server's resident set before and after N signed-in Chromium pages on the queue.
/// </summary>
public static class LoadBench
{
    private const string DemoPassword = "bench-load-demo-password";
    private const string ReportsPerMinute = "100000000";

    public static async Task<int> RunAsync(int seconds, int concurrency, int maxRequests, int circuits)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-load-" + Guid.NewGuid().ToString("N"));
        var deskPort = ApiBench.FreePort();
        var plainPort = ApiBench.FreePort();
        var environment = new Dictionary<string, string>
        {
            // Development: the demo accounts, and blazor.web.js served from the build output's static web assets.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Triage__DataDirectory"] = directory,
            ["Triage__Demo__Password"] = DemoPassword,
            ["Triage__RateLimits__ReportsPerMinute"] = ReportsPerMinute,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var desk = ApiBench.Start(environment, "--urls", $"http://127.0.0.1:{deskPort}");
        using var plain = StartPlain(plainPort);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{deskPort}"), Timeout = TimeSpan.FromMinutes(1) };
            using var ceiling = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{plainPort}"), Timeout = TimeSpan.FromMinutes(1) };
            await ApiBench.WaitReadyAsync(http);
            await WaitPlainAsync(ceiling);
            var memberToken = await IssueTokenAsync(environment, "member@demo.local");
            var reviewerToken = await IssueTokenAsync(environment, "reviewer@demo.local");

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Measured on this machine ({Environment.ProcessorCount} cores, shared with other work; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}); desk pid {desk.Id}, Development"));
            // Circuits first, on a fresh server, so the load's grown heap does not hide what the pages add.
            await MeasureCircuitsAsync(desk, $"http://127.0.0.1:{deskPort}", circuits);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Load over loopback: {concurrency} clients, {seconds} s or {maxRequests} requests per target after a warm-up; " +
                $"Triage:RateLimits:ReportsPerMinute raised to {ReportsPerMinute} for this run (default 30 per member)."));
            var plainResult = await LoadAsync("GET /plain (bare Kestrel, ceiling)", ceiling, seconds, concurrency, maxRequests,
                _ => new HttpRequestMessage(HttpMethod.Get, "/plain"));
            Print(plainResult, null);

            var data = new SyntheticReports(seed: 23);
            var bodies = Enumerable.Range(0, Math.Min(maxRequests, 20_000)).Select(i => new
            {
                url = SyntheticReports.Link(i % 3 == 0 ? i / 3 : 10_000_000 + i),
                text = data.Claim(30),
            }).ToArray();
            var intake = await LoadAsync("POST /api/v1/reports (member, bearer)", http, seconds, concurrency, maxRequests, i =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = JsonContent.Create(bodies[i % bodies.Length]) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", memberToken);
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                return request;
            });
            Print(intake, plainResult);

            var cases = await LoadAsync("GET /api/v1/cases?limit=50 (reviewer, bearer)", http, seconds, concurrency, maxRequests, _ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases?limit=50");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", reviewerToken);
                return request;
            });
            Print(cases, plainResult);
            return intake.Errors + cases.Errors + plainResult.Errors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var process in new[] { desk, plain })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Result(string Name, int Ok, int Errors, double Seconds, List<double> Latencies)
    {
        public double PerSecond => Ok / Seconds;
    }

    /// <summary>
    /// Closed-loop clients, each sending its next request when the last one answers, until the time or the count runs out.
    /// A request that fails or answers other than 2xx is an error and leaves the latencies.
    /// </summary>
    private static async Task<Result> LoadAsync(string name, HttpClient http, int seconds, int concurrency, int maxRequests,
        Func<int, HttpRequestMessage> request)
    {
        for (var i = 0; i < 100; i++)
        {
            using var warm = await http.SendAsync(request(i));
            warm.EnsureSuccessStatusCode();
        }

        var duration = TimeSpan.FromSeconds(seconds);
        var latencies = new List<double>();
        var issued = -1;
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            int i;
            while (watch.Elapsed < duration && (i = Interlocked.Increment(ref issued)) < maxRequests)
            {
                using var message = request(i);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(message);
                    await response.Content.LoadIntoBufferAsync();
                    if (response.IsSuccessStatusCode) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    else Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            lock (latencies) latencies.AddRange(mine);
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        latencies.Sort();
        return new Result(name, latencies.Count, errors, elapsed, latencies);
    }

    private static void Print(Result r, Result? ceiling)
    {
        var ratio = ceiling is null ? "ceiling" : string.Create(CultureInfo.InvariantCulture, $"{r.PerSecond / ceiling.PerSecond:0.000} of the ceiling");
        Console.WriteLine(r.Latencies.Count == 0
            ? $"  {r.Name,-48} no successful request, {r.Errors} errors"
            : string.Create(CultureInfo.InvariantCulture,
                $"  {r.Name,-48} {r.PerSecond,8:0} req/s  p50 {Timing.P(r.Latencies, 0.5),6:0.0} ms  p99 {Timing.P(r.Latencies, 0.99),6:0.0} ms  " +
                $"{r.Ok} ok, {r.Errors} errors in {r.Seconds:0.0} s  ({ratio})"));
    }

    /// <summary>
    /// One sign-in, then N pages of the same browser context on the queue, each its own circuit, opened a few at a
    /// time until every one renders interactively. The baseline is the same server after a page has rendered the queue
    /// once (code loaded and jitted) and navigated away (its circuit ended by the unload beacon).
    /// </summary>
    private static async Task MeasureCircuitsAsync(Process desk, string baseUrl, int circuits)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--renderer-process-limit=4"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "en-US" });
        var first = await context.NewPageAsync();
        await first.GotoAsync("/account/login");
        await first.FillAsync("#email", "reviewer@demo.local");
        await first.FillAsync("#password", DemoPassword);
        await first.ClickAsync("[data-testid=login-submit]");
        await WaitInteractive(first);
        await first.GotoAsync("/queue");
        await WaitInteractive(first);
        await first.GotoAsync("/health/live");
        var baseline = ResidentKilobytes(desk);

        var watch = Stopwatch.StartNew();
        var pages = new List<IPage>();
        var series = new List<(int Pages, long Kilobytes)> { (0, baseline) };
        for (var opened = 0; opened < circuits; opened += 5)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(5, circuits - opened)).Select(async _ =>
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/queue");
                await WaitInteractive(page);
                return page;
            }));
            pages.AddRange(batch);
            if (pages.Count % 10 == 0 || pages.Count == circuits) series.Add((pages.Count, ResidentKilobytes(desk)));
        }
        var opening = watch.Elapsed.TotalSeconds;
        await context.CloseAsync();

        var (count, loaded) = series[^1];
        // The slope after the first ten leaves out one-time costs (first renders, the GC heaps growing to their working size).
        var (tenPages, atTen) = series.Count > 2 ? series[1] : series[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Circuits: {count} signed-in reviewer pages interactive on /queue in {opening:0.0} s; desk RSS (VmRSS, garbage not yet collected included) " +
            $"{baseline / 1024.0:0} MB with none, {loaded / 1024.0:0} MB with {count}: +{(loaded - baseline) / 1024.0:0.0} MB, " +
            $"{(loaded - baseline) / (double)count:0} KB a circuit on average, {(loaded - atTen) / (double)Math.Max(1, count - tenPages):0} KB a circuit from {tenPages} to {count}"));
        Console.WriteLine("  RSS by open circuits: " + string.Join(", ", series.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Pages}: {p.Kilobytes / 1024.0:0} MB"))));
    }

    private static Task WaitInteractive(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });

    private static long ResidentKilobytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static async Task<string> IssueTokenAsync(Dictionary<string, string> environment, string email)
    {
        using var verb = ApiBench.Start(environment, "tokens", "issue", "--email", email);
        var token = (await verb.StandardOutput.ReadToEndAsync()).Trim();
        await verb.WaitForExitAsync();
        return verb.ExitCode == 0 ? token : throw new InvalidOperationException($"tokens issue for {email} exited {verb.ExitCode}.");
    }

    /// <summary>This bench's own executable, run as <c>plain</c>: a separate process, so the ceiling pays for its own CPU as the desk does.</summary>
    private static Process StartPlain(int port)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Triage.Bench.dll"));
        start.ArgumentList.Add("plain");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the plain endpoint.");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>The ceiling: Kestrel and one minimal-API route answering a small JSON object, nothing else in the pipeline.</summary>
    public static async Task<int> ServePlainAsync(string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/plain", () => TypedResults.Ok(new PlainCase(1, "new", "A small answer", 3)));
        await app.RunAsync();
        return 0;
    }

    private sealed record PlainCase(long Id, string Status, string Title, int ReportCount);

    private static async Task WaitPlainAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/plain")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The plain endpoint did not start in 60 s.");
    }

    private static string SystemChromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("The circuit measurement needs Debian's chromium on PATH.");
}

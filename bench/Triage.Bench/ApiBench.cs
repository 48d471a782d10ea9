using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Triage.Bench;

/// <summary>
/// The intake API end to end on loopback: the built server as its own process (Development, demo
/// accounts), a member's bearer token from the <c>tokens issue</c> verb, and concurrent JSON posts.
/// </summary>
public static class ApiBench
{
    public static async Task<int> RunAsync(int count, int concurrency)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-api-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Triage__DataDirectory"] = directory,
            ["Triage__Demo__Password"] = "bench-" + Guid.NewGuid().ToString("N"),
            ["Triage__RateLimits__ReportsPerMinute"] = "100000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var server = Start(environment, "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitReadyAsync(http);
            using var verb = Start(environment, "tokens", "issue", "--email", "member@demo.local");
            var token = (await verb.StandardOutput.ReadToEndAsync()).Trim();
            await verb.WaitForExitAsync();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var data = new SyntheticReports(seed: 11);
            var bodies = Enumerable.Range(0, count).Select(i => new
            {
                url = SyntheticReports.Link(i % 3 == 0 ? i / 3 : 10_000_000 + i),
                text = data.Claim(30),
            }).ToList();
            // Warm up the server's code paths before timing.
            foreach (var body in bodies.Take(200)) (await http.PostAsJsonAsync("/api/v1/reports", body)).EnsureSuccessStatusCode();

            var latencies = new double[count - 200];
            var next = 199;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.PostAsJsonAsync("/api/v1/reports", bodies[i]);
                    if (response.StatusCode != HttpStatusCode.Created)
                        throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    latencies[i - 200] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }));
            var elapsed = watch.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"POST /api/v1/reports over loopback, {concurrency} clients: {latencies.Length / elapsed:0} reports/s, p50 {latencies[latencies.Length / 2]:0.0} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:0.0} ms"));
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static Process Start(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Triage.Server.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        if (args[0] == "--urls")
        {
            // Drain the server's output so a full pipe never blocks it.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
        }
        return process;
    }

    internal static async Task WaitReadyAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become ready in 30 s.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

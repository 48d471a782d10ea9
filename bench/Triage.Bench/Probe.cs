using System.Diagnostics;
using Triage.Client.Account;
using Triage.Client.Reports;

namespace Triage.Bench;

public static class Probe
{
    public static async Task<int> RunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-probe-" + Guid.NewGuid().ToString("N"));
        await using var desk = await BenchDesk.CreateAsync(directory);
        var me = await desk.SenderAs<MyAccount>("member@demo.local");
        var send = await desk.SenderAs<SubmittedReport>("member@demo.local");
        var token = await desk.SenderAs<IssuedApiToken>("member@demo.local");
        for (var i = 0; i < 50; i++) await me(new GetMe());
        var w = Stopwatch.StartNew();
        for (var i = 0; i < 300; i++) await me(new GetMe());
        Console.WriteLine($"GetMe: {w.Elapsed.TotalMilliseconds / 300:0.000} ms");
        w.Restart();
        for (var i = 0; i < 300; i++) await token(new IssueApiToken { Name = "x" });
        Console.WriteLine($"IssueApiToken: {w.Elapsed.TotalMilliseconds / 300:0.000} ms");
        w.Restart();
        for (var i = 0; i < 300; i++) await send(new SubmitReport { Url = $"https://vnexpress.net/{i}.html" });
        Console.WriteLine($"SubmitReport url only: {w.Elapsed.TotalMilliseconds / 300:0.000} ms");
        var data = new SyntheticReports(3);
        w.Restart();
        for (var i = 0; i < 3000; i++) await send(new SubmitReport { Text = data.Claim(30) });
        Console.WriteLine($"SubmitReport text only: {w.Elapsed.TotalMilliseconds / 3000:0.000} ms");
        return 0;
    }
}

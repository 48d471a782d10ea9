using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Stats;
using Triage.Server.Stats;

namespace Triage.Bench;

/// <summary>
/// The province dashboard over 90 days at N reports (the exports benchmark's seed: one case per five
/// reports over the last 30 days): the rollup's catch-up once, then GetStats through IMediator as the province
/// coordinator, against a plain GROUP BY of the same reports per day and platform (what the rollup replaces),
/// in the same run.
/// </summary>
public static class StatsBench
{
    private const string PlainCount = """
        SELECT date(r.submitted_at, '+7 hours') AS day, r.platform, count(*) FROM reports r
        WHERE r.submitted_at >= @start GROUP BY 1, 2
        """;

    public static async Task<int> RunAsync(int reports, int samples)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-stats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var desk = await BenchDesk.CreateAsync(directory);
            await ExportBench.SeedAsync(desk, reports);
            var rollup = Stopwatch.StartNew();
            var counted = await desk.Services.GetRequiredService<DailyReportCounts>().CatchUpAsync();
            Console.WriteLine(F($"rollup caught up on {counted:N0} reports in {rollup.Elapsed.TotalSeconds:0.0} s ({counted / rollup.Elapsed.TotalSeconds:N0} reports/s)"));

            var send = await desk.SenderAs<DeskStats>("coordinator@demo.local");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var request = new GetStats { From = today.AddDays(-89), To = today };
            await using var connection = await desk.Db.OpenAsync();
            var start = DateTimeOffset.UtcNow.AddDays(-90);

            var stats = await send(request);
            if (stats.ReportsPerDay.Sum(d => d.Reports) != reports)
            {
                Console.Error.WriteLine(F($"the dashboard counted {stats.ReportsPerDay.Sum(d => d.Reports):N0} reports of {reports:N0}"));
                return 1;
            }
            await connection.QueryAsync(PlainCount, new { start });

            var dashboard = new List<double>();
            var plain = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                var watch = Stopwatch.StartNew();
                await send(request);
                dashboard.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                await connection.QueryAsync(PlainCount, new { start });
                plain.Add(watch.Elapsed.TotalMilliseconds);
            }
            double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
            Console.WriteLine();
            Console.WriteLine("| what | median ms | max ms |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine(F($"| plain GROUP BY of the reports per day and platform (baseline, one figure) | {Median(plain):0.0} | {plain.Max():0.0} |"));
            Console.WriteLine(F($"| GetStats for the province over 90 days (every figure, through the pipeline) | {Median(dashboard):0.0} | {dashboard.Max():0.0} |"));
            Console.WriteLine();
            Console.WriteLine(F($"dashboard / baseline: {Median(dashboard) / Median(plain):0.00} at {reports:N0} reports, {samples} samples each"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

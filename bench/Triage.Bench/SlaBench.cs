using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Sla;
using Triage.Server.Sla;
using static Triage.Bench.Timing;

namespace Triage.Bench;

/// <summary>
/// SLA costs on a copy of the queue bench's desk (run <c>queue</c> first; its directory is only read): computing
/// every open case's dues, the "SLA due" queue page, the load table, and a watcher pass that records breaches.
/// </summary>
public static class SlaBench
{
    public static async Task<int> RunAsync(string queueDirectory, string directory, int breaches, int samples)
    {
        var source = Path.Combine(queueDirectory, "triage.db");
        if (!File.Exists(source))
        {
            Console.Error.WriteLine($"{source} does not exist: run the queue bench first.");
            return 1;
        }
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        File.Copy(source, Path.Combine(directory, "triage.db"));

        var migrate = Stopwatch.StartNew();
        await using var desk = await BenchDesk.CreateAsync(directory);
        Console.WriteLine(F($"copied and migrated in {migrate.Elapsed.TotalSeconds:0.0} s"));
        var dues = desk.Services.GetRequiredService<SlaDues>();
        var now = DateTimeOffset.UtcNow;
        await using (var connection = await desk.Db.OpenAsync())
        {
            // A policy on every Inbox, half of them in business hours; every open case entered its queue just now,
            // except a sample of new ones that entered three days ago and so are past triage.
            await connection.ExecuteAsync("""
                INSERT INTO sla_policies (queue_id, severity, triage_minutes, response_minutes, business_hours, updated_at)
                SELECT id, 0, 240, 1440, id % 2, @now FROM queues WHERE is_inbox = TRUE;
                UPDATE cases SET sla_started_at = strftime('%Y-%m-%dT%H:%M:%f0000Z', julianday(@now) - (abs(random()) % 14400000) / 86400000.0), sla_stale = TRUE
                WHERE status IN ('new', 'triaged', 'assigned', 'escalated');
                UPDATE cases SET sla_started_at = @old WHERE id IN (SELECT id FROM cases WHERE status = 'new' ORDER BY random() LIMIT @breaches);
                """, new { now, old = now.AddDays(-3), breaches });
            var open = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM cases WHERE sla_stale = TRUE");
            var started = Stopwatch.StartNew();
            await using var tx = connection.BeginTransaction();
            var computed = await dues.ApplyPendingAsync(connection, tx);
            await tx.CommitAsync();
            Console.WriteLine(F($"dues of {computed:N0} open cases ({open:N0} marked): {started.Elapsed.TotalMilliseconds:0} ms, {started.Elapsed.TotalMilliseconds * 1000 / Math.Max(1, computed):0.0} µs a case"));
        }

        var reviewer = await desk.SenderAs<CasePage>("reviewer-p@bench.local");
        var coordinator = await desk.SenderAs<UnitLoad>("coordinator@demo.local");
        var first = await TimeAsync(samples, _ => reviewer(new ListCases { Sort = CaseSort.Sla }));
        var cursor = (await reviewer(new ListCases { Sort = CaseSort.Sla, Limit = 200 })).NextCursor;
        for (var i = 0; i < 50 && cursor is not null; i++) cursor = (await reviewer(new ListCases { Sort = CaseSort.Sla, Limit = 200, Cursor = cursor })).NextCursor;
        var deep = await TimeAsync(samples, _ => reviewer(new ListCases { Sort = CaseSort.Sla, Cursor = cursor }));
        var load = await TimeAsync(samples, _ => coordinator(new GetUnitLoad()));
        Console.WriteLine("| what | p50 ms | p95 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|");
        Row("queue, SLA order, first page (province reviewer)", first);
        Row("queue, SLA order, page after 10,200 rows", deep);
        Row("load table at the province (12 districts)", load);

        var watcher = ActivatorUtilities.CreateInstance<SlaWatcher>(desk.Services);
        var pass = Stopwatch.StartNew();
        var recorded = await watcher.PassAsync();
        Console.WriteLine(F($"watcher pass: {recorded:N0} breaches recorded, escalated and notified in {pass.Elapsed.TotalMilliseconds:0} ms ({pass.Elapsed.TotalMilliseconds / Math.Max(1, recorded):0.00} ms each, one transaction each)"));
        var idle = await TimeAsync(Math.Min(samples, 50), _ => watcher.PassAsync());
        Console.WriteLine(F($"watcher pass with nothing due: p50 {P(idle, 0.5):0.00} ms, p95 {P(idle, 0.95):0.00} ms"));
        return 0;
    }

    private static void Row(string what, List<double> t) =>
        Console.WriteLine(F($"| {what} | {P(t, 0.5):0.00} | {P(t, 0.95):0.00} | {P(t, 0.99):0.00} |"));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

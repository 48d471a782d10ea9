using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Triage.Server.Pipeline;
using Triage.Server.Retention;

namespace Triage.Bench;

/// <summary>
/// One retention pass over C cases closed 400 days ago with R reports and R screenshot files each (plus as many open
/// cases, untouched), and how long a command waits for the write gate meanwhile: the job must never hold it long.
/// </summary>
public static class RetentionBench
{
    public static async Task<int> RunAsync(int cases, int reportsPerCase)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-retention");
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        await using var desk = await BenchDesk.CreateAsync(directory);
        var now = DateTimeOffset.UtcNow;
        var evidence = Path.Combine(directory, "evidence");
        await using (var connection = await desk.Db.OpenAsync())
        await using (var tx = connection.BeginTransaction())
        {
            var (member, unit, queue) = await connection.QuerySingleAsync<(long, long, long)>("""
                SELECT u.id, u.unit_id, q.id FROM users u JOIN queues q ON q.unit_id = u.unit_id AND q.is_inbox = TRUE
                WHERE u.email = 'member@demo.local'
                """, transaction: tx);
            for (var c = 0; c < 2 * cases; c++)
            {
                var closed = c < cases;
                var caseId = await connection.ExecuteScalarAsync<long>("""
                    INSERT INTO cases (status, title, owner_unit_id, queue_id, report_count, first_reported_at, last_reported_at, created_at, updated_at)
                    VALUES (@status, 'bench', @unit, @queue, @reportsPerCase, @at, @at, @at, @at) RETURNING id
                    """, new { status = closed ? "closed" : "new", unit, queue, reportsPerCase, at = now.AddDays(-500) }, tx);
                if (closed) await connection.ExecuteAsync("UPDATE cases SET closed_at = @at WHERE id = @caseId", new { at = now.AddDays(-400), caseId }, tx);
                for (var r = 0; r < reportsPerCase; r++)
                {
                    var reportId = await connection.ExecuteScalarAsync<long>("""
                        INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, text, note, submitted_at)
                        VALUES (@caseId, @member, @unit, 'Tin đồn thử nghiệm', 'ghi chú', @at) RETURNING id
                        """, new { caseId, member, unit, at = now.AddDays(-500) }, tx);
                    var content = RandomNumberGenerator.GetBytes(2048);
                    var sha = Convert.ToHexStringLower(SHA256.HashData(content));
                    Directory.CreateDirectory(Path.Combine(evidence, sha[..2]));
                    await File.WriteAllBytesAsync(Path.Combine(evidence, sha[..2], sha), content);
                    await connection.ExecuteAsync("""
                        INSERT INTO evidence (sha256, content_type, bytes, width, height, created_at) VALUES (@sha, 'image/png', 2048, 1, 1, @now);
                        INSERT INTO report_evidence (report_id, position, sha256) VALUES (@reportId, 0, @sha);
                        """, new { sha, now, reportId }, tx);
                }
            }
            await tx.CommitAsync();
        }

        // A command's view of the pass: how long each turn at the write gate waits while the job runs.
        var gate = desk.Services.GetRequiredService<WriteGate>();
        using var stop = new CancellationTokenSource();
        var waits = new List<double>();
        var probe = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                using (await gate.EnterAsync(CancellationToken.None)) waits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await Task.Delay(1);
            }
        });
        var job = desk.Services.GetRequiredService<RetentionJob>();
        var pass = Stopwatch.StartNew();
        var run = await job.PassAsync();
        pass.Stop();
        await stop.CancelAsync();
        await probe;
        waits.Sort();

        var left = Directory.EnumerateFiles(evidence, "*", SearchOption.AllDirectories).Count();
        Console.WriteLine(F($"pass: {run.Cases:N0} cases, {run.Reports:N0} reports, {run.Evidence:N0} screenshots, {run.Files:N0} files in {pass.Elapsed.TotalSeconds:0.00} s ({run.Reports / pass.Elapsed.TotalSeconds:N0} reports/s); files left (open cases): {left:N0}"));
        Console.WriteLine(F($"write-gate wait of a command during the pass ({waits.Count:N0} turns): p50 {Timing.P(waits, 0.5):0.00} ms, p99 {Timing.P(waits, 0.99):0.00} ms, max {waits[^1]:0.00} ms"));
        var idle = Stopwatch.StartNew();
        var again = await job.PassAsync();
        Console.WriteLine(F($"second pass: {again.Reports} reports erased in {idle.Elapsed.TotalMilliseconds:0.0} ms"));
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Triage.Client.Imports;

namespace Triage.Bench;

/// <summary>
/// A reports CSV of N rows (a third links, a third retyped claims of earlier rows, a third new claims) imported
/// as the province coordinator through IMediator, dry run and commit timed apart. The commit's time is how long
/// members' reports wait behind the import's write transaction. The baseline is a bare prepared INSERT of the
/// same N rows into reports in one transaction on the same database in the same run (no grouping, no search).
/// </summary>
public static class ReportsImportBench
{
    public static async Task<int> RunAsync(int rows)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-imports-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var desk = await BenchDesk.CreateAsync(directory);
            var file = Csv(rows);
            Console.WriteLine(F($"{rows:N0} rows, {file.Length / 1048576.0:0.0} MB of CSV"));

            var baseline = await TimeAsync(() => BaselineAsync(desk, rows));
            var import = await desk.SenderAs<ImportedReports>("coordinator@demo.local");
            var dryRun = await TimeAsync(() => import(new ImportReports { File = file, FileName = "bench.csv", DryRun = true }));
            var commit = await TimeAsync(() => import(new ImportReports { File = file, FileName = "bench.csv" }));

            var filed = commit.Result.Created + commit.Result.Merged;
            if (filed != rows || dryRun.Result.Created != commit.Result.Created)
            {
                Console.Error.WriteLine(F($"expected {rows:N0} rows filed and the dry run to predict the commit; dry run {dryRun.Result.Created:N0} created, commit {commit.Result.Created:N0} created and {commit.Result.Merged:N0} merged"));
                return 1;
            }
            Console.WriteLine();
            Console.WriteLine("| what | rows | seconds | rows/s |");
            Console.WriteLine("|---|---|---|---|");
            Row("bare prepared INSERT INTO reports, one transaction (baseline)", rows, baseline.Seconds);
            Row("dry run: ImportReports through IMediator (the import inside a savepoint, rolled back)", rows, dryRun.Seconds);
            Row(F($"commit: ImportReports through IMediator ({commit.Result.Created:N0} new cases, {commit.Result.Merged:N0} merged)"), rows, commit.Seconds);
            Console.WriteLine();
            Console.WriteLine(F($"commit / baseline: {commit.Seconds / baseline.Seconds:0.0}; the write lock is held {commit.Seconds:0.0} s"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static byte[] Csv(int rows)
    {
        var claims = new SyntheticReports(7);
        var earlier = new List<string>();
        var text = new StringBuilder("url,text,platform,reportedAt\n");
        for (var i = 0; i < rows; i++)
        {
            var when = F($"{1 + i % 28}/10/2026 {8 + i % 12}:{i % 60:00}");
            switch (i % 3)
            {
                case 0:
                    text.Append(CultureInfo.InvariantCulture, $"{SyntheticReports.Link(i / 3 % Math.Max(1, rows / 9))},,facebook,{when}\n");
                    break;
                case 1 when earlier.Count > 0:
                    text.Append(CultureInfo.InvariantCulture, $",\"{claims.Retyped(earlier[claims.Next(earlier.Count)])}\",zalo,{when}\n");
                    break;
                default:
                    var claim = claims.Claim(18);
                    earlier.Add(claim);
                    text.Append(CultureInfo.InvariantCulture, $",\"{claim}\",tiktok,{when}\n");
                    break;
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<int> BaselineAsync(BenchDesk desk, int rows)
    {
        await using var connection = (SqliteConnection)await desk.Db.OpenAsync(); // prepared SQLite commands: this loader is SQLite-only
        var (userId, unitId) = await connection.QuerySingleAsync<(long, long)>(
            "SELECT id, unit_id FROM users WHERE email = 'coordinator@demo.local'");
        await using var tx = connection.BeginTransaction();
        var caseId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO cases (title, owner_unit_id, queue_id, first_reported_at, last_reported_at, created_at, updated_at)
            VALUES ('baseline', @unitId, (SELECT id FROM queues WHERE unit_id = @unitId AND is_inbox = TRUE),
                    '2026-10-01T00:00:00.0000000Z', '2026-10-01T00:00:00.0000000Z', '2026-10-01T00:00:00.0000000Z', '2026-10-01T00:00:00.0000000Z')
            RETURNING id
            """, new { unitId }, tx);
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, text, platform, submitted_at)
            VALUES ($case, $user, $unit, $text, 'zalo', '2026-10-01T00:00:00.0000000Z')
            """;
        insert.Parameters.AddWithValue("$case", caseId);
        insert.Parameters.AddWithValue("$user", userId);
        insert.Parameters.AddWithValue("$unit", unitId);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        insert.Prepare();
        var claims = new SyntheticReports(8);
        for (var i = 0; i < rows; i++)
        {
            text.Value = claims.Claim(18);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.RollbackAsync();
        return rows;
    }

    private sealed record Timed<T>(T Result, double Seconds);

    private static async Task<Timed<T>> TimeAsync<T>(Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        return new Timed<T>(result, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static void Row(string what, int rows, double seconds) =>
        Console.WriteLine(F($"| {what} | {rows:N0} | {seconds:0.00} | {rows / seconds:N0} |"));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

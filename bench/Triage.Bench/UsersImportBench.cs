using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Triage.Client.Onboarding;

namespace Triage.Bench;

/// <summary>
/// A users CSV of N rows imported as the province coordinator through IMediator: the dry run and the commit
/// timed apart, each on the same file, against a bare prepared INSERT of N users in one transaction on the
/// same database in the same run (no CSV, no checks, no roles, no links). The baseline goes first, so the
/// import then checks its emails against N users already there.
/// </summary>
public static class UsersImportBench
{
    private static readonly string[] Units = ["P", "D1", "D2", "D3", "D1-C1", "D1-C2", "D1-C3", "D2-C1", "D2-C2", "D2-C3", "D3-C1", "D3-C2", "D3-C3"];

    public static async Task<int> RunAsync(int users)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-users-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var desk = await BenchDesk.CreateAsync(directory);
            var file = Csv(users);
            Console.WriteLine(F($"{users:N0} rows, {file.Length / 1048576.0:0.0} MB of CSV"));

            var baseline = await TimeAsync(() => BaselineAsync(desk, users));
            var check = await desk.SenderAs<UserImport>("coordinator@demo.local");
            var dryRun = await TimeAsync(() => check(new CheckUserImport(file)));
            var commit = await TimeAsync(() => check(new ImportUsers(file)));
            var links = await TimeAsync(() => Task.FromResult(commit.Result.ActivationsCsv("https://desk.example.org")));

            if (dryRun.Result.Valid != users || commit.Result.Created != users)
            {
                Console.Error.WriteLine(F($"expected {users:N0} valid rows; the dry run found {dryRun.Result.Valid:N0}, the import created {commit.Result.Created:N0}"));
                return 1;
            }
            Console.WriteLine();
            Console.WriteLine("| what | rows | seconds | rows/s | allocated MB |");
            Console.WriteLine("|---|---|---|---|---|");
            Row("bare prepared INSERT INTO users, one transaction (baseline)", users, baseline.Seconds, baseline.Allocated);
            Row("dry run: CheckUserImport through IMediator (decode, parse, check every row)", users, dryRun.Seconds, dryRun.Allocated);
            Row("commit: ImportUsers through IMediator (re-check, users + roles + activation links, audit)", users, commit.Seconds, commit.Allocated);
            Row("activation links CSV for download", users, links.Seconds, links.Allocated);
            Console.WriteLine();
            Console.WriteLine(F($"dry run + commit: {dryRun.Seconds + commit.Seconds:0.00} s (target: under 60 s); commit / baseline: {commit.Seconds / baseline.Seconds:0.0}"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static byte[] Csv(int users)
    {
        var text = new StringBuilder("email,name,unit,roles,language\n");
        for (var i = 0; i < users; i++)
            text.Append(CultureInfo.InvariantCulture,
                $"member{i}@import.example.org,Nguyễn Thị Hội Viên {i},{Units[i % Units.Length]},{(i % 10 == 0 ? "member;reviewer" : "")},{(i % 3 == 0 ? "en" : "vi")}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<int> BaselineAsync(BenchDesk desk, int users)
    {
        await using var connection = (SqliteConnection)await desk.Db.OpenAsync(); // prepared SQLite commands: this loader is SQLite-only
        var unit = await connection.ExecuteScalarAsync<long>("SELECT id FROM org_units WHERE code = 'D1-C1'");
        await using var tx = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO users (email, name, unit_id, security_stamp, created_at) VALUES ($email, $name, $unit, 'stamp', '2026-01-01T00:00:00.0000000Z')";
        var email = insert.Parameters.Add("$email", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        insert.Parameters.AddWithValue("$unit", unit);
        insert.Prepare();
        for (var i = 0; i < users; i++)
        {
            email.Value = F($"baseline{i}@import.example.org");
            name.Value = F($"Nguyễn Thị Hội Viên {i}");
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return users;
    }

    private sealed record Timed<T>(T Result, double Seconds, long Allocated);

    private static async Task<Timed<T>> TimeAsync<T>(Func<Task<T>> action)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        return new Timed<T>(result, Stopwatch.GetElapsedTime(started).TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static void Row(string what, int rows, double seconds, long allocated) =>
        Console.WriteLine(F($"| {what} | {rows:N0} | {seconds:0.00} | {rows / seconds:N0} | {allocated / 1048576.0:0} |"));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

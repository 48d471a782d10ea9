using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Triage.Client.Reports;
using Triage.Server.Data;
using Triage.Server.Reports;
using Triage.Server.Search;

namespace Triage.Bench;

/// <summary>
/// Intake throughput through the real SubmitReport use case (pipeline, grouping, audit) over a desk that
/// already holds N reports, next to a plain one-row INSERT per transaction in the same run, and the
/// latency of the grouping lookup alone.
/// </summary>
public static class IntakeBench
{
    private const int ReportsPerClaim = 3;

    public static async Task<int> RunAsync(int existing, int measure)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-intake-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var desk = await BenchDesk.CreateAsync(directory);
            var data = new SyntheticReports(seed: 7);
            var claims = Math.Max(1, existing / ReportsPerClaim);
            var texts = new string[claims];
            var load = Stopwatch.StartNew();
            await LoadAsync(desk.Db, data, texts, existing);
            Console.WriteLine(F($"{BenchDesk.Engine}: loaded {existing:N0} reports in {claims:N0} cases in {load.Elapsed.TotalSeconds:0.0} s ({await desk.SizeMbAsync():0} MB)"));

            var inputs = Inputs(data, texts, claims, measure);
            var plain = await PlainInsertAsync(desk.Db, inputs);
            Console.WriteLine(F($"plain INSERT, one transaction a row: {plain:0} rows/s"));

            var lookups = await GroupingLatencyAsync(desk.Db, inputs.Take(Math.Min(measure, 20_000)).ToList());
            Console.WriteLine(F($"grouping lookup: p50 {Percentile(lookups, 0.50):0.000} ms, p99 {Percentile(lookups, 0.99):0.000} ms, max {lookups[^1]:0.000} ms ({lookups.Count:N0} lookups)"));

            var send = await desk.SenderAs<SubmittedReport>("member@demo.local");
            var matched = new Dictionary<string, int>();
            var watch = Stopwatch.StartNew();
            foreach (var input in inputs)
            {
                var result = await send(input);
                var key = result.MatchedBy ?? "new";
                matched[key] = matched.GetValueOrDefault(key) + 1;
            }
            var perSecond = inputs.Count / watch.Elapsed.TotalSeconds;
            Console.WriteLine(F($"SubmitReport through the pipeline: {perSecond:0} reports/s ({string.Join(", ", matched.Select(m => $"{m.Key} {m.Value:N0}"))})"));
            Console.WriteLine(F($"ratio to plain INSERT: {perSecond / plain:0.00}"));
            return 0;
        }
        finally
        {
            await BenchDesk.ForgetAsync(directory);
            if (Directory.Exists(directory) && Environment.GetEnvironmentVariable("TRIAGE_BENCH_KEEP") is null) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A third repeat a known link, a third retype a known claim, a third are new posts.</summary>
    private static List<SubmitReport> Inputs(SyntheticReports data, string[] texts, int claims, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var claim = data.Next(claims);
            return (i % 3) switch
            {
                0 => new SubmitReport { Url = SyntheticReports.Link(claim), Text = texts[claim] },
                1 => new SubmitReport { Text = data.Retyped(texts[claim]) },
                _ => new SubmitReport { Url = SyntheticReports.Link(claims + i), Text = data.Claim(30) },
            };
        }).ToList();

    /// <summary>Loads the existing reports directly (indexed the way intake indexes them), in large transactions.</summary>
    private static async Task LoadAsync(Db db, SyntheticReports data, string[] texts, int reports)
    {
        await using var connection = await db.OpenAsync();
        var (unit, queue, user) = await connection.QuerySingleAsync<(long, long, long)>("""
            SELECT u.unit_id, q.id, u.id FROM users u JOIN queues q ON q.unit_id = u.unit_id AND q.is_inbox = TRUE
            WHERE u.email = 'member@demo.local'
            """);
        var now = DapperSetup.Format(DateTimeOffset.UtcNow);
        DbTransaction? tx = null;
        for (var claim = 0; claim < texts.Length; claim++)
        {
            if (claim % 5_000 == 0)
            {
                if (tx is not null) await tx.CommitAsync();
                tx = connection.BeginTransaction();
            }
            var text = texts[claim] = data.Claim(30);
            var caseId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO cases (status, title, owner_unit_id, queue_id, report_count, search_texts, first_reported_at, last_reported_at, created_at, updated_at)
                VALUES ('new', @text, @unit, @queue, @count, 1, @now, @now, @now, @now) RETURNING id
                """, new { text, unit, queue, count = ReportsPerClaim, now }, tx);
            await CaseSearch.AddAsync(connection, tx, caseId, text, text);
            await connection.ExecuteAsync("INSERT INTO case_reporter_units (case_id, unit_id) VALUES (@caseId, @unit)", new { caseId, unit }, tx);
            for (var r = 0; r < ReportsPerClaim; r++)
            {
                var body = r == 2 ? data.Retyped(text) : text;
                var folded = TextFold.Fold(body);
                var signature = NearDuplicates.Sign(folded);
                var url = r == 2 ? null : PostUrls.TryParse(SyntheticReports.Link(claim), out var u, out _) ? u!.Canonical : null;
                var reportId = await connection.ExecuteScalarAsync<long>("""
                    INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, url_raw, url_canonical, platform, text, text_folded, text_signature, submitted_at)
                    VALUES (@caseId, @user, @unit, @url, @url, 'facebook', @body, @folded, @signature, @now) RETURNING id
                    """, new { caseId, user, unit, url, body, folded, signature = signature?.ToBytes(), now }, tx);
                if (signature is not null)
                    await CaseGrouping.InsertBandsAsync(connection, tx, caseId, reportId, signature);
            }
        }
        if (tx is not null) await tx.CommitAsync();
        await BenchDesk.AnalyzeAsync(connection);
    }

    private static async Task<double> PlainInsertAsync(Db db, List<SubmitReport> inputs)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(BenchDesk.PostgresServer is null
            ? "CREATE TABLE bench_plain (id INTEGER PRIMARY KEY, url TEXT, text TEXT, submitted_at TEXT NOT NULL)"
            : "CREATE TABLE bench_plain (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, url TEXT, text TEXT, submitted_at TEXT NOT NULL)");
        var watch = Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            await using var tx = connection.BeginTransaction();
            await connection.ExecuteAsync("INSERT INTO bench_plain (url, text, submitted_at) VALUES (@Url, @Text, @now)",
                new { input.Url, input.Text, now = DapperSetup.Format(DateTimeOffset.UtcNow) }, tx);
            await tx.CommitAsync();
        }
        var perSecond = inputs.Count / watch.Elapsed.TotalSeconds;
        await connection.ExecuteAsync("DROP TABLE bench_plain");
        return perSecond;
    }

    private static async Task<List<double>> GroupingLatencyAsync(Db db, List<SubmitReport> inputs)
    {
        await using var connection = await db.OpenAsync();
        var times = new List<double>(inputs.Count);
        foreach (var input in inputs)
        {
            var started = Stopwatch.GetTimestamp();
            var canonical = input.Url is null ? null : PostUrls.TryParse(input.Url, out var url, out _) ? url!.Canonical : null;
            var folded = TextFold.Fold(input.Text);
            await CaseGrouping.FindAsync(connection, null, canonical, folded.Length > 0 ? NearDuplicates.Sign(folded) : null);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

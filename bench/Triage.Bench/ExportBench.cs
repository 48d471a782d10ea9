using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Triage.Client.Exports;
using Triage.Server.Exports;

namespace Triage.Bench;

/// <summary>
/// The reports export at scale: N reports seeded straight into SQLite, then exported as the province
/// coordinator through IMediator (pipeline, scope rule, HMAC pseudonyms, CsvHelper) into a stream that only
/// counts bytes, against a plain Dapper unbuffered read of the same rows, same SQL, no CSV, in the same run.
/// Memory is sampled every 50,000 rows: a flat export keeps the managed heap and working set level
/// however many rows have gone by.
/// </summary>
public static class ExportBench
{
    private const int SampleEvery = 50_000;
    private static readonly string[] Platforms = ["facebook", "facebook", "facebook", "tiktok", "tiktok", "zalo", "zalo", "youtube", "web", "other"];

    /// <summary>What the export reads, minus the pseudonym and the CSV: the baseline.</summary>
    private const string BaselineSql = """
        SELECT r.id AS Id, r.case_id AS CaseId, r.submitted_at AS SubmittedAt, r.platform AS Platform, r.url_canonical AS Url,
               r.text AS Text, r.category AS Category, r.reporter_user_id AS ReporterUserId, o.code AS ReporterUnit
        FROM reports r JOIN org_units o ON o.id = r.reporter_unit_id
        WHERE r.submitted_at >= @start AND r.submitted_at < @end
          AND r.reporter_unit_id IN (SELECT id FROM org_units WHERE path >= @path AND path < @pathEnd)
        ORDER BY r.id
        """;

    public static async Task<int> RunAsync(int reports)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-exports-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var desk = await BenchDesk.CreateAsync(directory);
            var seeding = Stopwatch.StartNew();
            await SeedAsync(desk, reports);
            Console.WriteLine(F($"seeded {reports:N0} reports in {seeding.Elapsed.TotalSeconds:0.0} s ({new FileInfo(desk.Db.DatabasePath).Length / 1048576.0:0} MB)"));

            var send = await desk.SenderAs<ExportRows<ReportExportRow>>("coordinator@demo.local");
            var request = new ExportReports { From = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-40)), To = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)) };

            // Warm both paths (JIT, page cache) on the same rows before measuring.
            await BaselineAsync(desk, request);
            await ExportAsync(request, send);

            var baseline = await BaselineAsync(desk, request);
            var export = await ExportAsync(request, send);
            if (baseline.Rows != reports || export.Rows != reports)
            {
                Console.Error.WriteLine(F($"expected {reports:N0} rows; the baseline read {baseline.Rows:N0}, the export wrote {export.Rows:N0}"));
                return 1;
            }

            Console.WriteLine();
            Console.WriteLine("| what | rows | seconds | rows/s | allocated bytes/row | managed heap during run, min–max MB | working set during run, min–max MB |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            Row("Dapper unbuffered read, same SQL, no CSV (baseline)", baseline);
            Row("reports.csv through IMediator: HMAC pseudonyms, CsvHelper, UTF-8 BOM", export);
            Console.WriteLine();
            Console.WriteLine(F($"export / baseline time: {export.Seconds / baseline.Seconds:0.00}; CSV written: {export.Bytes / 1048576.0:0} MB ({(double)export.Bytes / export.Rows:0} bytes/row); peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static void Row(string what, Run run) => Console.WriteLine(F(
        $"| {what} | {run.Rows:N0} | {run.Seconds:0.00} | {run.Rows / run.Seconds:N0} | {(double)run.Allocated / run.Rows:0} | {run.HeapMin / 1048576.0:0}–{run.HeapMax / 1048576.0:0} | {run.SetMin / 1048576.0:0}–{run.SetMax / 1048576.0:0} |"));

    private sealed record Run(long Rows, double Seconds, long Allocated, long Bytes, long HeapMin, long HeapMax, long SetMin, long SetMax);

    private sealed class Meter
    {
        private long _heapMin = long.MaxValue, _heapMax, _setMin = long.MaxValue, _setMax;
        private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Sample()
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            var set = Environment.WorkingSet;
            (_heapMin, _heapMax) = (Math.Min(_heapMin, heap), Math.Max(_heapMax, heap));
            (_setMin, _setMax) = (Math.Min(_setMin, set), Math.Max(_setMax, set));
        }

        public Run Done(long rows, long bytes)
        {
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            return new Run(rows, seconds, GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore, bytes, _heapMin, _heapMax, _setMin, _setMax);
        }
    }

    private static async Task<Run> ExportAsync(ExportReports request, Func<MediatR.IRequest<ExportRows<ReportExportRow>>, Task<ExportRows<ReportExportRow>>> send)
    {
        var meter = new Meter();
        meter.Sample();
        var export = await send(request);
        var sink = new CountingStream();
        var rows = await ExportCsv.WriteReportsAsync(sink, Sampled(export.Rows, meter), CancellationToken.None) - 1; // the header
        meter.Sample();
        return meter.Done(rows, sink.Length);
    }

    private static async IAsyncEnumerable<T> Sampled<T>(IAsyncEnumerable<T> rows, Meter meter)
    {
        var n = 0L;
        await foreach (var row in rows)
        {
            if (++n % SampleEvery == 0) meter.Sample();
            yield return row;
        }
    }

    /// <summary>The same window the export resolves (through CountExport), read with the same SQL into plain rows.</summary>
    private static async Task<Run> BaselineAsync(BenchDesk desk, ExportReports request)
    {
        var size = await (await desk.SenderAs<ExportSize>("coordinator@demo.local"))(new CountExport { From = request.From, To = request.To });
        await using var connection = await desk.Db.OpenAsync();
        var path = await connection.ExecuteScalarAsync<string>("SELECT path FROM org_units WHERE id = @id", new { id = size.Unit.Id });
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        DateTimeOffset Start(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
        var args = new { start = Start(size.From), end = Start(size.To.AddDays(1)), path, pathEnd = path![..^1] + "0" };

        var meter = new Meter();
        meter.Sample();
        var rows = 0L;
        var chars = 0L;
        await foreach (var row in connection.QueryUnbufferedAsync<BaselineRow>(BaselineSql, args))
        {
            chars += row.Text?.Length ?? 0;
            if (++rows % SampleEvery == 0) meter.Sample();
        }
        meter.Sample();
        return meter.Done(rows, chars);
    }

    private sealed class BaselineRow
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public string? Platform { get; init; }
        public string? Url { get; init; }
        public string? Text { get; init; }
        public string? Category { get; init; }
        public long ReporterUserId { get; init; }
        public string ReporterUnit { get; init; } = "";
    }

    /// <summary>
    /// 2,000 members over the demo communes, one case per five reports, texts from a pool of synthetic Vietnamese
    /// claims (some with commas, quotes, line breaks or a leading '=' so quoting and escaping are exercised),
    /// submitted over the last 30 days. One transaction, prepared commands: seconds, not minutes.
    /// </summary>
    internal static async Task SeedAsync(BenchDesk desk, int reports)
    {
        await using var connection = (SqliteConnection)await desk.Db.OpenAsync(); // typed parameters: this loader is SQLite-only
        await using var tx = connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow;
        var communes = (await connection.QueryAsync<long>("SELECT id FROM org_units WHERE depth = 2", transaction: tx)).ToList();
        var members = new List<(long User, long Unit)>();
        for (var m = 0; m < 2_000; m++)
        {
            var unit = communes[m % communes.Count];
            members.Add((await connection.ExecuteScalarAsync<long>(
                "INSERT INTO users (email, name, unit_id, security_stamp, created_at) VALUES (@email, 'Hội viên', @unit, 'bench', @now) RETURNING id",
                new { email = F($"member{m}@bench.local"), unit, now }, tx), unit));
        }

        var data = new SyntheticReports(seed: 11);
        var random = new Random(11);
        var texts = Enumerable.Range(0, 1_000).Select(i => (i % 20) switch
        {
            0 => "=" + data.Claim(25),
            1 => data.Claim(12) + ", \"" + data.Claim(6) + "\",\n" + data.Claim(12),
            _ => data.Claim(35),
        }).ToArray();

        using var insertCase = connection.CreateCommand();
        insertCase.Transaction = tx;
        insertCase.CommandText = """
            INSERT INTO cases (title, owner_unit_id, queue_id, report_count, first_reported_at, last_reported_at, created_at, updated_at)
            VALUES (@title, @unit, (SELECT id FROM queues WHERE unit_id = @unit AND is_inbox = TRUE), 5, @at, @at, @at, @at) RETURNING id
            """;
        var caseTitle = insertCase.Parameters.Add("@title", SqliteType.Text);
        var caseUnit = insertCase.Parameters.Add("@unit", SqliteType.Integer);
        var caseAt = insertCase.Parameters.Add("@at", SqliteType.Text);
        using var insertReport = connection.CreateCommand();
        insertReport.Transaction = tx;
        insertReport.CommandText = """
            INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, url_raw, url_canonical, platform, text, submitted_at)
            VALUES (@case, @user, @unit, @url, @url, @platform, @text, @at)
            """;
        var reportCase = insertReport.Parameters.Add("@case", SqliteType.Integer);
        var reportUser = insertReport.Parameters.Add("@user", SqliteType.Integer);
        var reportUnit = insertReport.Parameters.Add("@unit", SqliteType.Integer);
        var reportUrl = insertReport.Parameters.Add("@url", SqliteType.Text);
        var reportPlatform = insertReport.Parameters.Add("@platform", SqliteType.Text);
        var reportText = insertReport.Parameters.Add("@text", SqliteType.Text);
        var reportAt = insertReport.Parameters.Add("@at", SqliteType.Text);

        long caseId = 0;
        var start = now - TimeSpan.FromDays(30);
        for (var i = 0; i < reports; i++)
        {
            // Ascending times, as ids are: reports arrive in order.
            var at = start + TimeSpan.FromDays(30) * ((double)i / reports);
            var (user, unit) = members[random.Next(members.Count)];
            if (i % 5 == 0)
            {
                caseTitle.Value = texts[random.Next(texts.Length)];
                caseUnit.Value = unit;
                caseAt.Value = at;
                caseId = (long)(await insertCase.ExecuteScalarAsync())!;
            }
            reportCase.Value = caseId;
            reportUser.Value = user;
            reportUnit.Value = unit;
            reportUrl.Value = random.Next(3) == 0 ? DBNull.Value : SyntheticReports.Link(caseId);
            reportPlatform.Value = Platforms[random.Next(Platforms.Length)];
            reportText.Value = texts[random.Next(texts.Length)];
            reportAt.Value = at;
            await insertReport.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    /// <summary>A destination that keeps nothing: only how much was written.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

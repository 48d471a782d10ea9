using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Retention;
using Triage.Server.Audit;
using Triage.Server.Data;
using Triage.Server.Evidence;
using Triage.Server.Exports;
using Triage.Server.Hosting;
using Triage.Server.Pipeline;

namespace Triage.Server.Retention;

/// <summary>
/// Erases the reporters' data of cases closed or dismissed longer ago than the retention period (decision 0020): one
/// short write transaction per case (and per 500 of its reports), each with its audit event, appended as the SLA
/// watcher appends its own, as the system. The scan is by state (finished before the cutoff, not erased since), never
/// "since the last pass", so a pass after a restart or a failure picks up exactly what is left, and a second pass over
/// the same state does nothing. Screenshot files go after their rows' transaction commits, under the write gate, so a
/// report being submitted with the same image cannot find the file about to vanish.
/// </summary>
public sealed class RetentionJob(
    Db db, WriteGate gate, AuditTrail audit, EvidenceStore store, TimeProvider clock, IOptions<RetentionOptions> options,
    IOptions<DeskOptions> desk, JobLease lease, ILogger<RetentionJob> log, JobHeartbeats? heartbeats = null) : BackgroundService
{
    public const string AuditAction = "RetentionErasure";
    private const int CaseBatch = 50;
    private const int ReportBatch = 500;
    private const int FileBatch = 500;
    private const int FilesPerTurn = 16;

    private readonly Channel<bool> _purgeRequests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// Asks for the erased files to be deleted soon rather than at the next pass. Safe to call inside a command's
    /// transaction: the purge waits for the write gate, so it sees the command's rows only once they are committed.
    /// </summary>
    public void RequestFilePurge() => _purgeRequests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval, clock);
        while (true)
        {
            try
            {
                if (await lease.HoldsAsync(nameof(RetentionJob), stoppingToken)) await PassAsync(stoppingToken);
                heartbeats?.Beat(nameof(RetentionJob), 3 * interval);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing is half-done: each case's erasure is one transaction, and the next pass scans by state again.
                log.LogError(e, "The retention pass failed.");
            }
            var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            while (true)
            {
                var purge = _purgeRequests.Reader.WaitToReadAsync(stoppingToken).AsTask();
                if (await Task.WhenAny(tick, purge) == tick) break;
                _purgeRequests.Reader.TryRead(out _);
                try
                {
                    // The holder's next pass deletes them if this server only stands by.
                    if (await lease.HoldsAsync(nameof(RetentionJob), stoppingToken)) await PurgeFilesAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Deleting erased evidence files failed; the next pass tries again.");
                }
            }
            if (!await tick) return;
        }
    }

    /// <summary>One pass at the clock's time: erases every case due, deletes the files left over, records the run.</summary>
    public async Task<RetentionRun> PassAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var files = await PurgeFilesAsync(ct);
        int days;
        await using (var connection = await db.OpenAsync(ct))
            days = await RetentionState.DaysAsync(connection, null, options.Value);

        long cases = 0;
        var erased = default(ErasedCounts);
        if (days > 0)
        {
            var cutoff = now.AddDays(-days);
            ReporterPseudonyms pseudonyms;
            await using (var connection = await db.OpenAsync(ct))
                pseudonyms = await ReporterPseudonyms.LoadAsync(connection, desk.Value.KeysDirectory, now);
            List<long> due;
            var failed = false;
            do
            {
                await using (var connection = await db.OpenAsync(ct))
                {
                    due = (await connection.QueryAsync<long>($"""
                        SELECT id FROM cases WHERE {RetentionState.DueWhere}
                        ORDER BY closed_at, id
                        LIMIT @CaseBatch
                        """, new { cutoff, CaseBatch })).ToList();
                }
                foreach (var caseId in due)
                {
                    try
                    {
                        var taken = await EraseCaseAsync(caseId, cutoff, days, pseudonyms, ct);
                        if (taken.Reports > 0) cases++;
                        erased += taken;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        log.LogError(e, "Erasing case {CaseId} failed; the next pass tries again.", caseId);
                        failed = true;
                    }
                }
                files += await PurgeFilesAsync(ct);
            }
            // A failing case stays due: stop rather than meet it again in the next batch.
            while (due.Count == CaseBatch && !failed);
        }

        var run = new RetentionRun(now, days, cases, erased.Reports, erased.Evidence, files);
        using (await gate.EnterAsync(ct))
        await using (var connection = await db.OpenAsync(ct))
        {
            await connection.ExecuteAsync("""
                INSERT INTO desk_state (key, value) VALUES (@LastRunKey, @value)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, new { RetentionState.LastRunKey, value = JsonSerializer.Serialize(run, JsonSerializerOptions.Web) });
        }
        return run;
    }

    private async Task<ErasedCounts> EraseCaseAsync(long caseId, DateTimeOffset cutoff, int days, ReporterPseudonyms pseudonyms, CancellationToken ct)
    {
        var total = default(ErasedCounts);
        while (true)
        {
            using var turn = await gate.EnterAsync(ct);
            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginWriteAsync(ct);
            var now = clock.GetUtcNow();
            // Looked at again inside the transaction: the case may have been reopened since the scan.
            if (!await connection.ExecuteScalarAsync<bool>(
                    $"SELECT EXISTS (SELECT 1 FROM cases WHERE id = @caseId AND {RetentionState.DueWhere})", new { caseId, cutoff }, tx))
                return total;
            var reports = (await connection.QueryAsync<long>(
                "SELECT id FROM reports WHERE case_id = @caseId AND reporter_pseudonym IS NULL ORDER BY id LIMIT @ReportBatch",
                new { caseId, ReportBatch }, tx)).ToList();
            var taken = await Erasure.EraseReportsAsync(connection, tx, now, reports, pseudonyms);
            var done = reports.Count < ReportBatch;
            if (done)
                await connection.ExecuteAsync("UPDATE cases SET erased_at = @now WHERE id = @caseId", new { caseId, now }, tx);
            if (taken.Reports > 0)
            {
                // Counts only: what was erased must not reappear in the log that records its erasure.
                var data = JsonSerializer.Serialize(new { details = new { reports = taken.Reports, evidence = taken.Evidence, closedCaseDays = days } },
                    JsonSerializerOptions.Web);
                await audit.AppendAsync(connection, tx, new AuditEntry(null, "system", AuditAction, "case",
                    caseId.ToString(CultureInfo.InvariantCulture), data));
            }
            await tx.CommitAsync(ct);
            total += taken;
            if (done) return total;
        }
    }

    /// <summary>
    /// Deletes the files of screenshots erased and committed, unless the same image has come back since (a new report
    /// with it re-creates the evidence row). Each few files under the write gate, so no report can be storing one of
    /// them meanwhile, yet no writer waits behind more than a few deletions (on a busy disk one can take milliseconds).
    /// </summary>
    public async Task<long> PurgeFilesAsync(CancellationToken ct = default)
    {
        long deleted = 0;
        List<string> pending;
        do
        {
            // Read under the gate too: a purge requested from inside a command's transaction must see its rows, and
            // before that command commits, an ungated read would find nothing and the files would wait for the next pass.
            using (await gate.EnterAsync(ct))
            await using (var connection = await db.OpenAsync(ct))
                pending = (await connection.QueryAsync<string>("SELECT sha256 FROM erased_files ORDER BY sha256 LIMIT @FileBatch", new { FileBatch })).ToList();
            foreach (var turnOf in pending.Chunk(FilesPerTurn))
            {
                using var turn = await gate.EnterAsync(ct);
                await using var connection = await db.OpenAsync(ct);
                var back = (await connection.QueryAsync<string>($"SELECT sha256 FROM evidence WHERE sha256 {connection.InList("@turnOf")}", new { turnOf })).ToHashSet();
                foreach (var sha in turnOf.Where(s => !back.Contains(s)))
                {
                    var path = store.PathOf(sha);
                    if (!File.Exists(path)) continue;
                    File.Delete(path);
                    deleted++;
                }
                await connection.ExecuteAsync($"DELETE FROM erased_files WHERE sha256 {connection.InList("@turnOf")}", new { turnOf });
            }
        }
        while (pending.Count == FileBatch);
        return deleted;
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Triage.Client.Settings;
using Triage.Server.Audit;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Settings;

/// <summary>
/// Backups into <c>backups/</c> under the data directory, named <c>triage-&lt;UTC time&gt;.db</c> so that the names sort
/// by age. Each one is followed by pruning to the kept count and by a record of its success or failure in desk_state,
/// which the settings page and /health/ready read.
/// </summary>
public sealed class DeskBackups(Db db, WriteGate gate, AuditTrail audit, TimeProvider clock, IOptions<DeskOptions> options, ILogger<DeskBackups> log)
    : IDisposable
{
    public const string AuditAction = "BackUpNow";
    private const string Prefix = "triage-";
    private const string Extension = ".db";
    private const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";

    // One backup at a time: the job and the button may meet, and pruning must not race a copy.
    private readonly SemaphoreSlim _one = new(1, 1);

    public void Dispose() => _one.Dispose();

    public string Folder => Path.Combine(options.Value.DataDirectory, "backups");

    /// <summary>Backs up now. <paramref name="by"/> is the admin who asked, audited; the scheduled job passes null.</summary>
    public async Task<BackupFile> BackUpAsync(Actor? by, CancellationToken ct = default)
    {
        await _one.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var name = Prefix + now.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture) + Extension;
            var path = Path.Combine(Folder, name);
            try
            {
                // Two presses within one second: the backup of that second exists already.
                if (!File.Exists(path)) await DatabaseBackup.WriteAsync(db, path, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The backup to {Path} failed.", path);
                await RecordAsync(now, by, success: null, error: e.Message, ct);
                throw;
            }
            var file = new BackupFile(name, new FileInfo(path).Length, now);
            await RecordAsync(now, by, file, error: null, ct);
            Prune((await ScheduleAsync(ct)).Keep);
            return file;
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>The backups in the folder, newest first.</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!Directory.Exists(Folder)) return [];
        return Directory.EnumerateFiles(Folder, Prefix + "*" + Extension)
            .Select(path => (path, name: Path.GetFileName(path)))
            .Select(f => (f.path, f.name, taken: DateTimeOffset.TryParseExact(f.name[Prefix.Length..^Extension.Length], StampFormat,
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : (DateTimeOffset?)null))
            .Where(f => f.taken is not null)
            .OrderByDescending(f => f.name, StringComparer.Ordinal)
            .Select(f => new BackupFile(f.name, new FileInfo(f.path).Length, f.taken!.Value))
            .ToList();
    }

    public async Task<BackupSchedule> ScheduleAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return DeskState.Schedule(await DeskState.ReadAsync(connection));
    }

    private void Prune(int keep)
    {
        foreach (var old in List().Skip(Math.Max(1, keep)))
        {
            try
            {
                File.Delete(Path.Combine(Folder, old.Name));
            }
            catch (IOException e)
            {
                // Kept for now; the next backup prunes again.
                log.LogWarning(e, "Could not delete the old backup {Name}.", old.Name);
            }
        }
    }

    private async Task RecordAsync(DateTimeOffset at, Actor? by, BackupFile? success, string? error, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginWriteAsync(ct);
        var stamp = DapperSetup.Format(at);
        if (success is not null)
        {
            await DeskState.SetAsync(connection, tx, DeskState.BackupLastSuccessAt, stamp);
            await DeskState.SetAsync(connection, tx, DeskState.BackupLastFile, success.Name);
        }
        else
        {
            await DeskState.SetAsync(connection, tx, DeskState.BackupLastFailureAt, stamp);
            await DeskState.SetAsync(connection, tx, DeskState.BackupLastError, error);
        }
        // The admin's press is a decision and is audited; the job's runs follow the audited schedule and are only recorded.
        if (by is not null)
        {
            var data = JsonSerializer.Serialize(new { details = new { file = success?.Name, bytes = success?.Bytes, error } }, JsonSerializerOptions.Web);
            await audit.AppendAsync(connection, tx, new AuditEntry(by.UserId, by.IsSystem ? "system" : by.Email, AuditAction, "backup", success?.Name, data));
        }
        await tx.CommitAsync(ct);
    }
}

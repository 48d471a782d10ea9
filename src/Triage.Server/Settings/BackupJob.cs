using Microsoft.Extensions.Diagnostics.HealthChecks;
using Triage.Client.Settings;
using Triage.Server.Data;
using Triage.Server.Hosting;

namespace Triage.Server.Settings;

/// <summary>
/// Writes a backup when the schedule says one is due. Due is judged from the recorded last success, never "since the
/// process started", so a restart neither skips a backup nor takes an extra one.
/// </summary>
public sealed class BackupJob(DeskBackups backups, Db db, TimeProvider clock, ILogger<BackupJob> log, JobHeartbeats? heartbeats = null)
    : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(5);

    /// <summary>After a failure the job waits this long, or the interval if shorter, before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromHours(1);

    /// <summary>After each pass, with the backup it wrote, if any.</summary>
    public event Action<BackupFile?>? Passed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.IsPostgres)
        {
            // Silent from here on, so /health/ready does not wait for its beat either.
            log.LogInformation("Scheduled backups are off: {Reason}", DatabaseBackup.PostgresRefusal);
            return;
        }
        using var timer = new PeriodicTimer(CheckEvery, clock);
        do
        {
            BackupFile? written = null;
            try
            {
                written = await PassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Recorded by DeskBackups and shown on /health/ready; the next due time tries again.
                log.LogError(e, "The scheduled backup failed.");
            }
            // A copy of a large database may take a while; the allowance covers it.
            heartbeats?.Beat(nameof(BackupJob), 3 * CheckEvery + TimeSpan.FromMinutes(30));
            Passed?.Invoke(written);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Backs up if one is due at the clock's time; answers the file written, or null.</summary>
    public async Task<BackupFile?> PassAsync(CancellationToken ct = default)
    {
        BackupSchedule schedule;
        BackupStatus status;
        await using (var connection = await db.OpenAsync(ct))
        {
            var state = await DeskState.ReadAsync(connection);
            (schedule, status) = (DeskState.Schedule(state), DeskState.Status(state));
        }
        if (schedule.IntervalHours <= 0) return null;
        var interval = TimeSpan.FromHours(schedule.IntervalHours);
        var now = clock.GetUtcNow();
        if (status.LastSuccessAt is { } succeeded && now < succeeded + interval) return null;
        if (status.Failing && now < status.LastFailureAt!.Value + (interval < RetryAfter ? interval : RetryAfter)) return null;
        return await backups.BackUpAsync(null, ct);
    }
}

/// <summary>A failing backup leaves the desk serving, so /health/ready answers Degraded (still 200) and says why.</summary>
public sealed class BackupHealthCheck(Db db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var status = DeskState.Status(await DeskState.ReadAsync(connection));
        return status.Failing
            ? HealthCheckResult.Degraded($"The last backup failed at {DapperSetup.Format(status.LastFailureAt!.Value)}: {status.LastError}")
            : HealthCheckResult.Healthy();
    }
}

public static class SettingsRegistration
{
    public static IServiceCollection AddDeskSettings(this IServiceCollection services)
    {
        services.AddSingleton<DeskBackups>();
        services.AddSingleton<BackupJob>();
        return services;
    }
}

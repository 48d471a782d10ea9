using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Triage.Client.Settings;
using Triage.Server.Settings;
using Triage.Tests.Support;

namespace Triage.Tests.Admin;

/// <summary>Scheduled and manual backups on a fake clock: when they run, what they keep, what they record.</summary>
public sealed class BackupTests : IAsyncLifetime
{
    private const string Admin = "admin@demo.local";
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private BackupJob Job => _desk.Services.GetRequiredService<BackupJob>();

    private string Folder => Path.Combine(_desk.Directory, "backups");

    private string[] Files() => Directory.Exists(Folder) ? Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray() : [];

    [SqliteFact]
    public async Task Scheduled_backups_are_off_until_an_admin_sets_an_interval()
    {
        Assert.Equal(BackupSchedule.Default, (await _desk.SendAs(Admin, new GetDeskSettings())).Schedule);

        _desk.Clock.Advance(TimeSpan.FromDays(30));

        Assert.Null(await Job.PassAsync());
        Assert.Empty(Files());
    }

    [SqliteFact]
    public async Task A_backup_is_written_when_due_and_not_again_before_the_interval_has_passed()
    {
        await _desk.SendAs(Admin, new SetBackupSchedule { IntervalHours = 6, Keep = 5 });

        var first = await Job.PassAsync();
        _desk.Clock.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(55));
        var early = await Job.PassAsync();
        _desk.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Job.PassAsync();

        Assert.Equal("triage-20261126T080000Z.db", first?.Name);
        Assert.Null(early);
        Assert.Equal("triage-20261126T140000Z.db", second?.Name);
        Assert.Equal(new[] { first!.Name, second!.Name }, Files());
        var settings = await _desk.SendAs(Admin, new GetDeskSettings());
        Assert.Equal((second.TakenAt, second.Name, false), (settings.Status.LastSuccessAt, settings.Status.LastFile, settings.Status.Failing));
        Assert.Equal(new[] { second.Name, first.Name }, settings.Backups.Select(b => b.Name));
        Assert.All(settings.Backups, b => Assert.True(b.Bytes > 4096));
    }

    [SqliteFact]
    public async Task Backups_beyond_the_kept_count_are_deleted_oldest_first()
    {
        await _desk.SendAs(Admin, new SetBackupSchedule { IntervalHours = 1, Keep = 2 });

        for (var i = 0; i < 4; i++)
        {
            Assert.NotNull(await Job.PassAsync());
            _desk.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(new[] { "triage-20261126T100000Z.db", "triage-20261126T110000Z.db" }, Files());
    }

    [SqliteFact]
    public async Task The_running_job_backs_up_on_its_own_as_the_fake_clock_moves()
    {
        await _desk.SendAs(Admin, new SetBackupSchedule { IntervalHours = 1, Keep = 3 });
        var written = new List<BackupFile>();
        using var passes = new SemaphoreSlim(0);
        Job.Passed += file =>
        {
            if (file is not null) lock (written) written.Add(file);
            passes.Release();
        };

        await Job.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(await passes.WaitAsync(TimeSpan.FromSeconds(30)), "The first pass runs at start.");
            // The timer ticks every five minutes of the fake clock: twelve ticks make the hour after which the next one is due.
            for (var tick = 0; tick < 12; tick++)
            {
                _desk.Clock.Advance(BackupJob.CheckEvery);
                Assert.True(await passes.WaitAsync(TimeSpan.FromSeconds(30)), $"Tick {tick + 1} ran a pass.");
            }
        }
        finally
        {
            await Job.StopAsync(CancellationToken.None);
        }

        Assert.Equal(new[] { "triage-20261126T080000Z.db", "triage-20261126T090000Z.db" }, written.Select(f => f.Name));
    }

    [SqliteFact]
    public async Task A_failed_backup_is_recorded_degrades_readiness_and_is_retried_after_an_hour()
    {
        await _desk.SendAs(Admin, new SetBackupSchedule { IntervalHours = 24, Keep = 3 });
        await File.WriteAllTextAsync(Folder, "a file where the backups folder should be");

        await Assert.ThrowsAnyAsync<IOException>(() => Job.PassAsync());

        var status = (await _desk.SendAs(Admin, new GetDeskSettings())).Status;
        Assert.True(status.Failing);
        Assert.NotNull(status.LastError);
        var health = await new BackupHealthCheck(_desk.Db).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);

        File.Delete(Folder);
        _desk.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(await Job.PassAsync());
        _desk.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.NotNull(await Job.PassAsync());
        Assert.False((await _desk.SendAs(Admin, new GetDeskSettings())).Status.Failing);
        Assert.Equal(HealthStatus.Healthy, (await new BackupHealthCheck(_desk.Db).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [SqliteFact]
    public async Task Back_up_now_writes_at_once_is_audited_and_a_second_press_in_the_same_second_gives_the_same_file()
    {
        var first = await _desk.SendAs(Admin, new BackUpNow());
        var again = await _desk.SendAs(Admin, new BackUpNow());

        Assert.Equal(first.Name, again.Name);
        Assert.Equal(new[] { first.Name }, Files());
        Assert.Equal(2, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'BackUpNow' AND actor = 'admin@demo.local'"));
    }
}

using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Queue;

public sealed class PriorityTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<long> Stored(long caseId) => _desk.Scalar<long>("SELECT priority FROM cases WHERE id = @caseId", new { caseId });

    private async Task<int> Computed(long caseId) => (await _desk.SendAs("admin@demo.local", new GetCase(caseId))).Priority.Score;

    private PriorityRefresher Refresher() => new(_desk.Db, _desk.Services.GetRequiredService<WriteGate>(), _desk.Clock,
        _desk.Services.GetRequiredService<Triage.Server.Hosting.JobLease>(), NullLogger<PriorityRefresher>.Instance);

    [Fact]
    public async Task The_triggers_compute_what_CasePriority_computes_over_its_whole_range()
    {
        var now = _desk.Clock.GetUtcNow();
        var mismatches = new List<string>();
        await using var connection = await _desk.Db.OpenAsync();
        var (unit, queue) = await connection.QuerySingleAsync<(long, long)>("SELECT unit_id, id FROM queues WHERE is_inbox = TRUE LIMIT 1");
        foreach (var reports in new[] { 0, 1, 9, 10, 11, 40 })
        foreach (int? severity in new int?[] { null, 1, 4 })
        foreach (var status in Enum.GetValues<CaseStatus>())
        foreach (var age in new[] { -2.0, 0, 0.999, 1, 1.5, 47.9999, 48, 49, 1000 })
        {
            var first = now - TimeSpan.FromHours(age);
            var stored = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO cases (status, title, owner_unit_id, queue_id, report_count, severity, first_reported_at, last_reported_at, created_at, updated_at)
                VALUES (@status, 't', @unit, @queue, @reports, @severity, @first, @first, @now, @now) RETURNING id;
                """, new { status = status.Code(), unit, queue, reports, severity, first = DapperSetup.Format(first), now = DapperSetup.Format(now) });
            var priority = await connection.ExecuteScalarAsync<long>("SELECT priority FROM cases WHERE id = @stored", new { stored });
            var expected = CasePriority.Of(reports, 0, 0, severity, TimeSpan.FromHours(age), CaseStatuses.Open.Contains(status), 0).Score;
            if (priority != expected) mismatches.Add($"{reports} reports, severity {severity}, {status}, {age} h: {priority} != {expected}");
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task The_triggers_add_reach_and_boost_as_CasePriority_does_on_insert_and_on_change()
    {
        var now = _desk.Clock.GetUtcNow();
        var first = now - TimeSpan.FromHours(5);
        var mismatches = new List<string>();
        await using var connection = await _desk.Db.OpenAsync();
        var (unit, queue) = await connection.QuerySingleAsync<(long, long)>("SELECT unit_id, id FROM queues WHERE is_inbox = TRUE LIMIT 1");
        int[] unitCounts = [0, 1, 2, 3, 5, 6, 9];
        int[] platformCounts = [0, 1, 2, 3, 6];
        int[] boosts = [0, 7, 100];
        foreach (var units in unitCounts)
        foreach (var platforms in platformCounts)
        foreach (var boost in boosts)
        foreach (var status in new[] { CaseStatus.Triaged, CaseStatus.Closed })
        {
            var open = CaseStatuses.Open.Contains(status);
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO cases (status, title, owner_unit_id, queue_id, report_count, reporter_unit_count, platform_count, priority_boost,
                                   severity, first_reported_at, last_reported_at, created_at, updated_at)
                VALUES (@status, 't', @unit, @queue, 3, @units, @platforms, @boost, 2, @first, @first, @now, @now) RETURNING id;
                """, new { status = status.Code(), unit, queue, units, platforms, boost, first = DapperSetup.Format(first), now = DapperSetup.Format(now) });
            var inserted = await connection.ExecuteScalarAsync<long>("SELECT priority FROM cases WHERE id = @id", new { id });
            var expected = CasePriority.Of(3, units, platforms, 2, TimeSpan.FromHours(5), open, boost).Score;
            if (inserted != expected) mismatches.Add($"insert {units} units, {platforms} platforms, boost {boost}, {status}: {inserted} != {expected}");

            // The reverse combination, written as an update: each of the three columns must wake the trigger.
            var (units2, platforms2, boost2) = (unitCounts[^(Array.IndexOf(unitCounts, units) + 1)],
                platformCounts[^(Array.IndexOf(platformCounts, platforms) + 1)], boosts[^(Array.IndexOf(boosts, boost) + 1)]);
            await connection.ExecuteAsync("UPDATE cases SET reporter_unit_count = @units2 WHERE id = @id", new { id, units2 });
            await connection.ExecuteAsync("UPDATE cases SET platform_count = @platforms2 WHERE id = @id", new { id, platforms2 });
            await connection.ExecuteAsync("UPDATE cases SET priority_boost = @boost2 WHERE id = @id", new { id, boost2 });
            var changed = await connection.ExecuteScalarAsync<long>("SELECT priority FROM cases WHERE id = @id", new { id });
            expected = CasePriority.Of(3, units2, platforms2, 2, TimeSpan.FromHours(5), open, boost2).Score;
            if (changed != expected) mismatches.Add($"update to {units2} units, {platforms2} platforms, boost {boost2}, {status}: {changed} != {expected}");
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Reporting_units_and_platforms_stay_counted_through_intake_merge_and_split()
    {
        await _desk.AddUser("member3@demo.local", Role.Member, "D1-C2");
        await _desk.AddUser("member4@demo.local", Role.Member, "D1-C3");
        var a = (await _desk.SendAs("member@demo.local", new SubmitReport { Text = QueueDesk.Claim(1), Platform = "facebook" })).CaseId;
        await AssertCounted(a, units: 1, platforms: 1);

        Assert.Equal(a, (await _desk.SendAs("member3@demo.local", new SubmitReport { Text = QueueDesk.Claim(1), Platform = "tiktok" })).CaseId);
        await AssertCounted(a, units: 2, platforms: 2);
        await _desk.SendAs("member3@demo.local", new SubmitReport { Text = QueueDesk.Claim(1), Platform = "facebook" });
        await _desk.SendAs("member3@demo.local", new SubmitReport { Text = QueueDesk.Claim(1) });
        await AssertCounted(a, units: 2, platforms: 2);

        var b = (await _desk.SendAs("member4@demo.local", new SubmitReport { Text = QueueDesk.Claim(2), Platform = "zalo" })).CaseId;
        Assert.Equal(b, (await _desk.SendAs("member@demo.local", new SubmitReport { Text = QueueDesk.Claim(2), Platform = "zalo" })).CaseId);
        await AssertCounted(b, units: 2, platforms: 1);

        await _desk.Execute("UPDATE cases SET priority_boost = 30 WHERE id = @a", new { a });
        Assert.Equal(30, (await _desk.SendAs("admin@demo.local", new GetCase(a))).Priority.Boost);
        await AssertCounted(a, units: 2, platforms: 2);

        await _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Merge, b, await _desk.Version(b), a));
        await AssertCounted(a, units: 3, platforms: 3);
        await AssertCounted(b, units: 0, platforms: 0);

        // member4's zalo report was D1-C3's only one: the unit leaves, but member's zalo report keeps the platform.
        var fromC3 = await _desk.Scalar<long>(
            "SELECT r.id FROM reports r JOIN users u ON u.id = r.reporter_user_id WHERE r.case_id = @a AND u.email = 'member4@demo.local'", new { a });
        var c = (await _desk.SendAs("reviewer@demo.local", new SplitCase { CaseId = a, ExpectedVersion = await _desk.Version(a), ReportId = fromC3 })).CaseId;
        await AssertCounted(a, units: 2, platforms: 3);
        await AssertCounted(c, units: 1, platforms: 1);

        var tiktok = await _desk.Scalar<long>("SELECT id FROM reports WHERE case_id = @a AND platform = 'tiktok'", new { a });
        var d = (await _desk.SendAs("reviewer@demo.local", new SplitCase { CaseId = a, ExpectedVersion = await _desk.Version(a), ReportId = tiktok })).CaseId;
        await AssertCounted(a, units: 2, platforms: 2);
        await AssertCounted(d, units: 1, platforms: 1);
        Assert.Equal(30, (await _desk.SendAs("admin@demo.local", new GetCase(a))).Priority.Boost);
    }

    [Fact]
    public async Task A_report_written_or_removed_outside_the_handlers_still_moves_the_counts()
    {
        await _desk.AddUser("member3@demo.local", Role.Member, "D1-C2");
        var a = (await _desk.SendAs("member@demo.local", new SubmitReport { Text = QueueDesk.Claim(1), Platform = "facebook" })).CaseId;
        var b = (await _desk.SendAs("member3@demo.local", new SubmitReport { Text = QueueDesk.Claim(2), Platform = "zalo" })).CaseId;
        var zalo = await _desk.Scalar<long>("SELECT id FROM reports WHERE case_id = @b", new { b });

        await _desk.Execute("UPDATE reports SET platform = 'youtube' WHERE case_id = @a", new { a });
        await AssertCounted(a, units: 1, platforms: 1);
        await _desk.Execute("UPDATE reports SET case_id = @a WHERE id = @zalo", new { a, zalo });
        await AssertCounted(a, units: 1, platforms: 2);
        await AssertCounted(b, units: 1, platforms: 0);
        await _desk.Execute("UPDATE case_reporter_units SET case_id = @a WHERE case_id = @b", new { a, b });
        await AssertCounted(a, units: 2, platforms: 2);
        await AssertCounted(b, units: 0, platforms: 0);
        await _desk.Execute("DELETE FROM report_evidence WHERE report_id = @zalo; DELETE FROM case_text_bands WHERE report_id = @zalo; DELETE FROM reports WHERE id = @zalo", new { zalo });
        await AssertCounted(a, units: 2, platforms: 1);
        // SQLite replaces a row by deleting and inserting it; PostgreSQL's nearest is an upsert that rewrites the row.
        await _desk.Execute(TestDatabase.IsPostgres
            ? "INSERT INTO case_reporter_units (case_id, unit_id) SELECT case_id, unit_id FROM case_reporter_units WHERE case_id = @a ON CONFLICT (case_id, unit_id) DO UPDATE SET unit_id = excluded.unit_id"
            : "INSERT OR REPLACE INTO case_reporter_units (case_id, unit_id) SELECT case_id, unit_id FROM case_reporter_units WHERE case_id = @a", new { a });
        await AssertCounted(a, units: 2, platforms: 1);
    }

    /// <summary>The case's counts are what its rows say and what the test expects, and its stored priority is the computed one.</summary>
    private async Task AssertCounted(long caseId, int units, int platforms)
    {
        await using var connection = await _desk.Db.OpenAsync();
        var counts = await connection.QuerySingleAsync<(long Units, long RecountedUnits, long Platforms, long RecountedPlatforms)>("""
            SELECT reporter_unit_count, (SELECT count(*) FROM case_reporter_units WHERE case_id = c.id),
                   platform_count, (SELECT count(DISTINCT platform) FROM reports WHERE case_id = c.id)
            FROM cases c WHERE id = @caseId
            """, new { caseId });
        Assert.Equal((units, units, platforms, platforms), ((int)counts.Units, (int)counts.RecountedUnits, (int)counts.Platforms, (int)counts.RecountedPlatforms));
        var priority = (await _desk.SendAs("admin@demo.local", new GetCase(caseId))).Priority;
        Assert.Equal((units, platforms), (priority.ReporterUnits, priority.Platforms));
        Assert.Equal(priority.Score, await Stored(caseId));
    }

    [Fact]
    public async Task Every_kind_of_case_write_leaves_the_stored_priority_equal_to_the_computed_one()
    {
        var caseId = await _desk.NewCase(QueueDesk.Claim(1));
        var other = await _desk.NewCase(QueueDesk.Claim(2));
        Assert.Equal(await Computed(caseId), await Stored(caseId));

        _desk.Clock.Advance(TimeSpan.FromHours(3));
        await _desk.SendAs("member@demo.local", new SubmitReport { Text = QueueDesk.Claim(1) });
        Assert.Equal(await Computed(caseId), await Stored(caseId));

        _desk.Clock.Advance(TimeSpan.FromHours(2));
        await _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, caseId, await _desk.Version(caseId)));
        Assert.Equal(await Computed(caseId), await Stored(caseId));

        _desk.Clock.Advance(TimeSpan.FromHours(1));
        await _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Dismissal, caseId, await _desk.Version(caseId)));
        Assert.Equal(await Computed(caseId), await Stored(caseId));

        _desk.Clock.Advance(TimeSpan.FromHours(1));
        await _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Reopen, caseId, await _desk.Version(caseId)));
        Assert.Equal(await Computed(caseId), await Stored(caseId));

        _desk.Clock.Advance(TimeSpan.FromHours(1));
        await _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Merge, other, await _desk.Version(other), caseId));
        Assert.Equal(await Computed(caseId), await Stored(caseId));
        Assert.Equal(await Computed(other), await Stored(other));

        var reportId = await _desk.Scalar<long>("SELECT max(id) FROM reports WHERE case_id = @caseId", new { caseId });
        var split = await _desk.SendAs("reviewer@demo.local", new SplitCase { CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), ReportId = reportId });
        Assert.Equal(await Computed(caseId), await Stored(caseId));
        Assert.Equal(await Computed(split.CaseId), await Stored(split.CaseId));
    }

    [Fact]
    public async Task The_refresher_moves_the_age_part_on_with_the_clock_and_leaves_settled_cases_alone()
    {
        var open = await _desk.NewCase(QueueDesk.Claim(1));
        var dismissed = await _desk.NewCase(QueueDesk.Claim(2));
        await _desk.ForceStatus(dismissed, CaseStatus.Dismissed);
        var settled = await Stored(dismissed);
        var refresher = Refresher();

        _desk.Clock.Advance(TimeSpan.FromHours(3));
        Assert.NotEqual(await Computed(open), await Stored(open));
        Assert.Equal(1, await refresher.RefreshAsync());
        Assert.Equal(await Computed(open), await Stored(open));
        Assert.Equal(settled, await Stored(dismissed));

        _desk.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await refresher.RefreshAsync());

        _desk.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await refresher.RefreshAsync());
        Assert.Equal(await Computed(open), await Stored(open));
        Assert.Equal(CasePriority.MaxAgeHours, (await _desk.SendAs("admin@demo.local", new GetCase(open))).Priority.Age);
    }

    [Fact]
    public async Task After_its_first_pass_the_refresher_reads_only_cases_young_enough_to_gain_an_hour()
    {
        var old = await _desk.NewCase(QueueDesk.Claim(1));
        var refresher = Refresher();
        _desk.Clock.Advance(TimeSpan.FromDays(4));
        await refresher.RefreshAsync();
        await _desk.Execute("UPDATE cases SET priority = 0 WHERE id = @old", new { old });

        _desk.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await refresher.RefreshAsync());
        Assert.Equal(0, await Stored(old));

        // A new start has no previous pass: it reads every open case once.
        Assert.Equal(1, await Refresher().RefreshAsync());
        Assert.Equal(await Computed(old), await Stored(old));
    }

    [Fact]
    public async Task The_hosted_refresher_passes_at_start_and_then_on_every_interval_of_the_clock()
    {
        var caseId = await _desk.NewCase(QueueDesk.Claim(1));
        using var refresher = Refresher();
        var passes = System.Threading.Channels.Channel.CreateUnbounded<int>();
        refresher.Refreshed += changed => passes.Writer.TryWrite(changed);

        await refresher.StartAsync(CancellationToken.None);
        Assert.Equal(0, await passes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        _desk.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await passes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(await Computed(caseId), await Stored(caseId));
        await refresher.StopAsync(CancellationToken.None);
    }
}

/// <summary>Migration 0009 over a desk that already holds cases: counts and priorities are filled in, not left at 0.</summary>
public sealed class PriorityMigrationTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    private Migrator Migrator() =>
        new(new Db(Options.Create(new DeskOptions { DataDirectory = _directory })), TimeProvider.System, NullLogger<Migrator>.Instance);

    [SqliteFact]
    public void Migrating_counts_the_units_and_platforms_of_existing_cases_and_rescores_them()
    {
        Migrator().Migrate(Migration.Embedded().Where(m => m.Id < 9).ToList());
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "triage.db")}"))
        {
            connection.Execute("""
                INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at) VALUES
                    (1, NULL, 'P', 'P', '/1/', 0, '2026-11-01T00:00:00.000+00:00'),
                    (2, 1, 'C1', 'C1', '/1/2/', 1, '2026-11-01T00:00:00.000+00:00'),
                    (3, 1, 'C2', 'C2', '/1/3/', 1, '2026-11-01T00:00:00.000+00:00'),
                    (4, 1, 'C3', 'C3', '/1/4/', 1, '2026-11-01T00:00:00.000+00:00');
                INSERT INTO users (id, email, name, unit_id, security_stamp, created_at) VALUES
                    (1, 'a@x', 'A', 2, 's', '2026-11-01T00:00:00.000+00:00'),
                    (2, 'b@x', 'B', 3, 's', '2026-11-01T00:00:00.000+00:00'),
                    (3, 'c@x', 'C', 4, 's', '2026-11-01T00:00:00.000+00:00');
                INSERT INTO cases (id, status, title, owner_unit_id, queue_id, report_count, severity, first_reported_at, last_reported_at, created_at, updated_at, priority_boost)
                VALUES (10, 'dismissed', 'wide', 1, (SELECT id FROM queues WHERE unit_id = 1), 4, 3, '2026-11-02T00:00:00.000+00:00', '2026-11-02T00:00:00.000+00:00',
                        '2026-11-02T00:00:00.000+00:00', '2026-11-02T00:00:00.000+00:00', 12),
                       (11, 'dismissed', 'narrow', 2, (SELECT id FROM queues WHERE unit_id = 2), 1, 3, '2026-11-02T00:00:00.000+00:00', '2026-11-02T00:00:00.000+00:00',
                        '2026-11-02T00:00:00.000+00:00', '2026-11-02T00:00:00.000+00:00', 0);
                INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, platform, submitted_at) VALUES
                    (10, 1, 2, 'facebook', '2026-11-02T00:00:00.000+00:00'), (10, 2, 3, 'zalo', '2026-11-02T00:00:00.000+00:00'),
                    (10, 3, 4, 'zalo', '2026-11-02T00:00:00.000+00:00'), (10, 3, 4, NULL, '2026-11-02T00:00:00.000+00:00'),
                    (11, 1, 2, NULL, '2026-11-02T00:00:00.000+00:00');
                INSERT INTO case_reporter_units (case_id, unit_id) VALUES (10, 2), (10, 3), (10, 4), (11, 2);
                """);
        }
        SqliteConnection.ClearAllPools();

        Migrator().Migrate(Migration.Embedded());

        using var migrated = new SqliteConnection($"Data Source={Path.Combine(_directory, "triage.db")}");
        var rows = migrated.Query<(long Id, int Units, int Platforms, int Priority)>(
            "SELECT id, reporter_unit_count, platform_count, priority FROM cases ORDER BY id").ToList();
        // Settled cases, so no age part: 4 reports (20) + 2 extra units and 1 extra platform (12) + severity 3 (30) + boost 12.
        Assert.Equal([(10L, 3, 2, CasePriority.Of(4, 3, 2, 3, TimeSpan.Zero, open: false, boost: 12).Score), (11L, 1, 0, 5 + 0 + 30)], rows);
        Assert.Equal(20 + 12 + 30 + 12, rows[0].Priority);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }
}

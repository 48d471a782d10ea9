using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Triage.Client.Cases;
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

    private PriorityRefresher Refresher() => new(_desk.Db, _desk.Services.GetRequiredService<WriteGate>(), _desk.Clock, NullLogger<PriorityRefresher>.Instance);

    [Fact]
    public async Task The_triggers_compute_what_CasePriority_computes_over_its_whole_range()
    {
        var now = _desk.Clock.GetUtcNow();
        var mismatches = new List<string>();
        await using var connection = await _desk.Db.OpenAsync();
        var (unit, queue) = await connection.QuerySingleAsync<(long, long)>("SELECT unit_id, id FROM queues WHERE is_inbox = 1 LIMIT 1");
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
            var expected = CasePriority.Of(reports, severity, TimeSpan.FromHours(age), CaseStatuses.Open.Contains(status)).Score;
            if (priority != expected) mismatches.Add($"{reports} reports, severity {severity}, {status}, {age} h: {priority} != {expected}");
        }
        Assert.Empty(mismatches);
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

using Triage.Client.Cases;
using Triage.Client.Live;
using Triage.Client.Pipeline;
using Triage.Server.Sla;
using Triage.Tests.Cases;
using Triage.Tests.Live;
using Triage.Tests.Queue;
using Triage.Tests.Support;

namespace Triage.Tests.Sla;

public sealed class SlaWatcherTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_breach_announces_the_case_at_its_new_unit_and_rings_the_bells_it_notified()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 240);
        var caseId = await _desk.NewCase();
        using var live = new LiveRecorder(_desk);

        _desk.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await _desk.Watcher().PassAsync());

        var moved = (CaseChangedEvent)await live.WaitFor(e => e is CaseChangedEvent c && c.CaseId == caseId && c.Version == 2);
        Assert.True(moved.Touches(await _desk.UnitId("D1")));
        var reviewer = await _desk.Scalar<long>("SELECT id FROM users WHERE email = 'reviewer@demo.local'");
        await live.WaitFor(e => e is NotificationsChangedEvent n && n.UserId == reviewer);
    }

    [Fact]
    public async Task A_missed_triage_escalates_the_case_once_and_tells_the_reviewers_of_the_unit_that_now_owns_it()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 240);
        var caseId = await _desk.NewCase();
        var version = await _desk.Version(caseId);
        var watcher = _desk.Watcher();

        _desk.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await watcher.PassAsync());
        _desk.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await watcher.PassAsync());

        var clocks = await _desk.ClocksOf(caseId);
        Assert.Equal(("escalated", "D1"), (clocks.Status, clocks.Owner));
        Assert.Equal(version + 1, await _desk.Version(caseId));
        Assert.Equal(["reviewer@demo.local"], await _desk.BreachNoticesFor(caseId));
        Assert.Equal(1, await _desk.Scalar<long>("""
            SELECT count(*) FROM sla_breaches WHERE case_id = @caseId AND kind = 'triage'
              AND escalated_to = (SELECT id FROM org_units WHERE code = 'D1')
            """, new { caseId }));
        Assert.Equal("system", await _desk.Scalar<string>(
            "SELECT actor FROM audit_events WHERE action = 'SlaBreach' AND entity_type = 'case' AND entity_id = @id", new { id = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        var timeline = (await _desk.SendAs("reviewer@demo.local", new GetCaseActivity(caseId))).Timeline;
        var breach = Assert.Single(timeline, e => e.Action == SlaWatcher.AuditAction);
        Assert.Null(breach.Actor);
        Assert.Equal(("triage", "escalated"), (breach.Details["sla"], breach.Details["to"]));

        _desk.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await watcher.PassAsync());
        Assert.Equal(0, await _desk.Watcher().PassAsync());
        Assert.Equal(1, await _desk.Breaches(caseId));
        Assert.Single(await _desk.BreachNoticesFor(caseId));
        Assert.Equal(version + 1, await _desk.Version(caseId));
    }

    [Fact]
    public async Task A_breach_that_fails_halfway_leaves_neither_its_record_nor_its_escalation_and_the_next_pass_does_it_once()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 240);
        var caseId = await _desk.NewCase();
        var version = await _desk.Version(caseId);
        _desk.Clock.Advance(TimeSpan.FromMinutes(61));
        // The notifications come last in the breach's transaction: failing there undoes the record and the move.
        await _desk.Execute(TestDatabase.FailingInsertTrigger("crash_on_notify", "notifications"));

        Assert.Equal(0, await _desk.Watcher().PassAsync());
        Assert.Equal(0, await _desk.Breaches(caseId));
        Assert.Equal(("new", "D1-C1"), ((await _desk.ClocksOf(caseId)).Status, (await _desk.ClocksOf(caseId)).Owner));
        Assert.Equal(version, await _desk.Version(caseId));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'SlaBreach'"));

        await _desk.Execute(TestDatabase.DropTrigger("crash_on_notify", "notifications"));
        Assert.Equal(1, await _desk.Watcher().PassAsync());
        Assert.Equal(1, await _desk.Breaches(caseId));
        Assert.Equal("escalated", (await _desk.ClocksOf(caseId)).Status);
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'SlaBreach'"));
    }

    [Fact]
    public async Task After_a_restart_a_breach_that_fell_due_while_the_watcher_was_stopped_is_recorded_and_an_old_one_is_not_repeated()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 240);
        var early = await _desk.NewCase();
        _desk.Clock.Advance(TimeSpan.FromMinutes(30));
        var late = await _desk.NewCase(CaseDesk.OtherClaim);
        _desk.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await _desk.Watcher().PassAsync());

        // The desk is down for a day; the late case's due time passes meanwhile.
        _desk.Clock.Advance(TimeSpan.FromDays(1));
        var restarted = _desk.Watcher();

        Assert.Equal(1, await restarted.PassAsync());
        Assert.Equal((1, 1), (await _desk.Breaches(early), await _desk.Breaches(late)));
        Assert.Equal("escalated", (await _desk.ClocksOf(late)).Status);
        Assert.Equal(0, await restarted.PassAsync());
    }

    [Fact]
    public async Task The_hosted_watcher_runs_on_the_fake_clock_and_a_restarted_one_neither_repeats_nor_skips()
    {
        await _desk.Policy("D1-C1", triage: 5, response: 60);
        var first = await _desk.NewCase();
        var watcher = _desk.Watcher();
        var pass = Next(watcher);
        await watcher.StartAsync(CancellationToken.None);
        Assert.Equal(0, await pass);

        pass = Next(watcher);
        _desk.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await pass);
        pass = Next(watcher);
        _desk.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(1, await pass);
        await watcher.StopAsync(CancellationToken.None);

        var second = await _desk.NewCase(CaseDesk.OtherClaim);
        _desk.Clock.Advance(TimeSpan.FromMinutes(10));
        var restarted = _desk.Watcher();
        pass = Next(restarted);
        await restarted.StartAsync(CancellationToken.None);
        Assert.Equal(1, await pass);
        pass = Next(restarted);
        _desk.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await pass);
        await restarted.StopAsync(CancellationToken.None);

        Assert.Equal((1, 1), (await _desk.Breaches(first), await _desk.Breaches(second)));
    }

    private static Task<int> Next(SlaWatcher watcher)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<int>? handler = null;
        handler = n =>
        {
            watcher.Passed -= handler;
            done.TrySetResult(n);
        };
        watcher.Passed += handler;
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task At_the_top_unit_a_breach_is_recorded_and_notified_but_the_case_stays()
    {
        await _desk.Policy("P", triage: 30, response: 120);
        var caseId = await _desk.SeedCase(new QueueDesk.Seed(Unit: "P"));
        var version = await _desk.Version(caseId);
        _desk.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(1, await _desk.Watcher().PassAsync());

        var clocks = await _desk.ClocksOf(caseId);
        Assert.Equal(("new", "P"), (clocks.Status, clocks.Owner));
        Assert.Equal(version, await _desk.Version(caseId));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM sla_breaches WHERE case_id = @caseId AND escalated_to IS NULL", new { caseId }));
        Assert.Equal(["coordinator@demo.local"], await _desk.BreachNoticesFor(caseId));
        await Assert.ThrowsAsync<ConflictException>(() => _desk.SendAs("admin@demo.local",
            new EscalateCase { CaseId = caseId, ExpectedVersion = version, Reason = "Không ai ở trên" }));

        _desk.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await _desk.Watcher().PassAsync());
        Assert.Single(await _desk.BreachNoticesFor(caseId));
    }

    [Fact]
    public async Task A_missed_first_counter_message_escalates_a_triaged_case_and_the_parent_queue_starts_new_clocks()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 120);
        await _desk.Policy("D1", triage: 45, response: 90);
        var caseId = await _desk.NewCase();
        await _desk.SendAs("reviewer@demo.local", new ClassifyCase
        {
            CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), Verdict = "false", Category = "health", Severity = 2,
        });
        _desk.Clock.Advance(TimeSpan.FromMinutes(121));

        Assert.Equal(1, await _desk.Watcher().PassAsync());

        var clocks = await _desk.ClocksOf(caseId);
        Assert.Equal(("escalated", "D1"), (clocks.Status, clocks.Owner));
        Assert.Equal("response", await _desk.Scalar<string>("SELECT kind FROM sla_breaches WHERE case_id = @caseId", new { caseId }));
        Assert.Equal(_desk.Clock.GetUtcNow().AddMinutes(45), clocks.TriageDueAt);
        Assert.Equal(clocks.TriageDueAt, clocks.DueAt);

        // Escalated cases cannot rise again by the table: a second breach is recorded and notified where it is.
        _desk.Clock.Advance(TimeSpan.FromMinutes(46));
        Assert.Equal(1, await _desk.Watcher().PassAsync());
        Assert.Equal(("escalated", "D1"), ((await _desk.ClocksOf(caseId)).Status, (await _desk.ClocksOf(caseId)).Owner));
        Assert.Equal(2, await _desk.Breaches(caseId));
        Assert.Equal(["reviewer@demo.local", "reviewer@demo.local"], await _desk.BreachNoticesFor(caseId));
    }
}

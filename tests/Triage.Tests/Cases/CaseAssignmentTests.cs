using Triage.Client.Cases;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Reports;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

/// <summary>
/// Cases here are reported from D1-C1, so they are owned by D1-C1 and sit in its Inbox; responder@ works
/// at D1 (on the line, but not local), and the responders these tests add at D1-C1 are local.
/// </summary>
public sealed class CaseAssignmentTests : IAsyncLifetime
{
    private const string Reviewer = "reviewer@demo.local";
    private TestDesk _desk = default!;
    private long _inbox;
    private int _posts;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _inbox = await _desk.Scalar<long>("SELECT q.id FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE o.code = 'D1-C1' AND q.is_inbox = TRUE");
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<long> TriagedCase()
    {
        var caseId = (await _desk.SendAs("member@demo.local", new SubmitReport { Url = $"https://facebook.com/posts/assign-{++_posts}" })).CaseId;
        await _desk.ForceStatus(caseId, CaseStatus.Triaged);
        return caseId;
    }

    private async Task<long> Auto(long caseId, string email = Reviewer)
    {
        await _desk.SendAs(email, new AssignCase { CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), Auto = true });
        return await _desk.Scalar<long>("SELECT assignee_user_id FROM cases WHERE id = @caseId", new { caseId });
    }

    private Task<QueueInfo> UseStrategy(AssignmentStrategy strategy, int? cap = null) =>
        _desk.SendAs("coordinator@demo.local", new SetQueueAssignment { QueueId = _inbox, Strategy = strategy, Cap = cap });

    private async Task<long[]> LocalResponders(int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            await _desk.AddUser($"local{i}@demo.local", Role.Responder, "D1-C1");
            ids[i] = await _desk.UserId($"local{i}@demo.local");
        }
        return ids;
    }

    [Fact]
    public async Task Round_robin_takes_the_local_responders_in_id_order_and_wraps()
    {
        var local = await LocalResponders(3);
        await UseStrategy(AssignmentStrategy.RoundRobin);

        var chosen = new List<long>();
        for (var i = 0; i < 5; i++) chosen.Add(await Auto(await TriagedCase()));

        Assert.Equal([local[0], local[1], local[2], local[0], local[1]], chosen);
        Assert.Equal(local[1], await _desk.Scalar<long>("SELECT last_auto_assignee_id FROM queues WHERE id = @_inbox", new { _inbox }));
    }

    [Fact]
    public async Task Round_robin_continues_after_the_queues_last_choice_not_from_the_start()
    {
        var local = await LocalResponders(3);
        await UseStrategy(AssignmentStrategy.RoundRobin);
        await _desk.Execute("UPDATE queues SET last_auto_assignee_id = @last WHERE id = @_inbox", new { last = local[1], _inbox });

        Assert.Equal(local[2], await Auto(await TriagedCase()));
        Assert.Equal(local[0], await Auto(await TriagedCase()));
    }

    [Fact]
    public async Task Without_local_responders_the_line_answers_and_a_sibling_district_never_does()
    {
        await _desk.AddUser("sibling@demo.local", Role.Responder, "D2");
        await _desk.AddUser("cousin@demo.local", Role.Responder, "D1-C2");
        await _desk.AddUser("province@demo.local", Role.Responder, "P");
        await UseStrategy(AssignmentStrategy.RoundRobin);

        var chosen = new HashSet<long>();
        for (var i = 0; i < 4; i++) chosen.Add(await Auto(await TriagedCase()));

        Assert.Equal(new HashSet<long> { await _desk.UserId("responder@demo.local"), await _desk.UserId("province@demo.local") }, chosen);
    }

    [Fact]
    public async Task Least_load_picks_the_least_loaded_below_the_cap_then_overflows_up_the_line_then_refuses()
    {
        var local = await LocalResponders(2);
        var district = await _desk.UserId("responder@demo.local");
        var busy = await TriagedCase();
        await _desk.SendAs(Reviewer, new AssignCase { CaseId = busy, ExpectedVersion = await _desk.Version(busy), ResponderEmail = "local0@demo.local" });
        await UseStrategy(AssignmentStrategy.LeastLoad, cap: 2);

        Assert.Equal(local[1], await Auto(await TriagedCase()));  // loads 1, 0
        Assert.Equal(local[0], await Auto(await TriagedCase()));  // 1, 1: the next in turn after local1
        Assert.Equal(local[1], await Auto(await TriagedCase()));  // 2 (the cap), 1
        Assert.Equal(district, await Auto(await TriagedCase())); // both local at the cap
        Assert.Equal(district, await Auto(await TriagedCase()));

        var full = await TriagedCase();
        var before = await _desk.Snapshot(full);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Auto(full));

        Assert.Contains("2", Assert.Single(refused.Errors["auto"]));
        Assert.Equal(before, await _desk.Snapshot(full));
    }

    [Fact]
    public async Task Least_load_counts_only_open_assigned_work()
    {
        var local = await LocalResponders(2);
        var done = await TriagedCase();
        await _desk.SendAs(Reviewer, new AssignCase { CaseId = done, ExpectedVersion = await _desk.Version(done), ResponderEmail = "local0@demo.local" });
        await _desk.Execute("UPDATE cases SET status = 'responded' WHERE id = @done", new { done });
        await UseStrategy(AssignmentStrategy.LeastLoad, cap: 1);

        Assert.Equal(local[0], await Auto(await TriagedCase()));
        Assert.Equal(local[1], await Auto(await TriagedCase()));
    }

    [Fact]
    public async Task A_manual_queue_refuses_automatic_assignment_and_changes_nothing()
    {
        var caseId = await TriagedCase();
        var before = await _desk.Snapshot(caseId);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Auto(caseId));

        Assert.Equal(["auto"], refused.Errors.Keys);
        Assert.Equal(before, await _desk.Snapshot(caseId));
    }

    [Fact]
    public async Task Nobody_on_the_line_is_a_field_error()
    {
        await _desk.Execute("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE email = 'responder@demo.local'");
        await _desk.AddUser("sibling@demo.local", Role.Responder, "D2");
        await UseStrategy(AssignmentStrategy.RoundRobin);
        var caseId = await TriagedCase();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Auto(caseId));

        Assert.Equal(["auto"], refused.Errors.Keys);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM notifications"));
    }

    [Fact]
    public async Task Automatic_assignment_still_needs_a_current_version_and_a_legal_status()
    {
        await UseStrategy(AssignmentStrategy.RoundRobin);
        var caseId = await TriagedCase();
        var fresh = (await _desk.SendAs("member@demo.local", new SubmitReport { Url = "https://facebook.com/posts/assign-new" })).CaseId;
        var freshVersion = await _desk.Version(fresh);

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            _desk.SendAs(Reviewer, new AssignCase { CaseId = caseId, ExpectedVersion = 99, Auto = true }));
        await Assert.ThrowsAsync<ConflictException>(() =>
            _desk.SendAs(Reviewer, new AssignCase { CaseId = fresh, ExpectedVersion = freshVersion, Auto = true }));
    }

    [Fact]
    public async Task An_assignment_notifies_the_responder_from_the_reviewer()
    {
        var caseId = await TriagedCase();

        await _desk.SendAs(Reviewer, new AssignCase { CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), ResponderEmail = "responder@demo.local" });

        var page = await _desk.SendAs("responder@demo.local", new ListMyNotifications());
        var note = Assert.Single(page.Items);
        Assert.Equal((NotificationKind.Assignment, caseId, Reviewer, false), (note.Kind, note.CaseId, note.From?.Email, note.Read));
        Assert.Equal(1, page.Unread);
        Assert.Empty((await _desk.SendAs(Reviewer, new ListMyNotifications())).Items);
    }

    [Fact]
    public async Task Of_many_reviewers_claiming_at_once_exactly_one_wins_and_the_case_has_their_responder()
    {
        await LocalResponders(3);
        string[] responders = ["responder@demo.local", "local0@demo.local", "local1@demo.local", "local2@demo.local"];
        var reviewers = Enumerable.Range(0, 6).Select(i => $"claimer{i}@demo.local").ToArray();
        foreach (var reviewer in reviewers) await _desk.AddUser(reviewer, Role.Reviewer, "D1");
        var caseId = await TriagedCase();
        var version = await _desk.Version(caseId);

        var results = await Task.WhenAll(reviewers.Select((reviewer, i) => Task.Run(async () =>
        {
            try
            {
                return (object)await _desk.SendAs(reviewer, new AssignCase { CaseId = caseId, ExpectedVersion = version, ResponderEmail = responders[i % responders.Length] });
            }
            catch (PreconditionFailedException e)
            {
                return e;
            }
        })));

        var winner = Array.FindIndex(results, r => r is CaseChanged);
        Assert.Single(results.OfType<CaseChanged>());
        Assert.Equal(reviewers.Length - 1, results.OfType<PreconditionFailedException>().Count());
        Assert.Equal(await _desk.UserId(responders[winner % responders.Length]),
            await _desk.Scalar<long>("SELECT assignee_user_id FROM cases WHERE id = @caseId", new { caseId }));
        Assert.Equal(version + 1, await _desk.Version(caseId));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'AssignCase'"));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM notifications WHERE kind = 'assignment'"));
    }

    [Fact]
    public async Task Concurrent_automatic_assignments_of_many_cases_never_exceed_the_cap()
    {
        await _desk.Execute("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE email = 'responder@demo.local'");
        var local = await LocalResponders(2);
        await UseStrategy(AssignmentStrategy.LeastLoad, cap: 2);
        var cases = new List<(long Id, long Version)>();
        for (var i = 0; i < 8; i++)
        {
            var caseId = await TriagedCase();
            cases.Add((caseId, await _desk.Version(caseId)));
        }

        var results = await Task.WhenAll(cases.Select(c => Task.Run(async () =>
        {
            try
            {
                return (object)await _desk.SendAs(Reviewer, new AssignCase { CaseId = c.Id, ExpectedVersion = c.Version, Auto = true });
            }
            catch (ValidationFailedException e)
            {
                return e;
            }
        })));

        Assert.Equal(4, results.OfType<CaseChanged>().Count());
        Assert.Equal(4, results.OfType<ValidationFailedException>().Count(e => e.Errors.ContainsKey("auto")));
        foreach (var responder in local)
            Assert.Equal(2, await _desk.Scalar<long>("SELECT count(*) FROM cases WHERE assignee_user_id = @responder AND status = 'assigned'", new { responder }));
    }
}

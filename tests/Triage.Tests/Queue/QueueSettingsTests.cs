using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Reports;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Queue;

public sealed class QueueSettingsTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<long> Inbox(string unit) => _desk.Scalar<long>(
        "SELECT q.id FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE o.code = @unit AND q.is_inbox = TRUE", new { unit });

    [Fact]
    public async Task A_reviewer_lists_the_queues_of_their_unit_and_below_with_open_cases()
    {
        var open = (await _desk.SendAs("member@demo.local", new SubmitReport { Url = "https://facebook.com/posts/queue-1" })).CaseId;
        var dismissed = (await _desk.SendAs("member@demo.local", new SubmitReport { Url = "https://facebook.com/posts/queue-2" })).CaseId;
        await _desk.ForceStatus(dismissed, CaseStatus.Dismissed);
        await _desk.ForceStatus(open, CaseStatus.Assigned);

        var queues = await _desk.SendAs("reviewer@demo.local", new ListQueues());

        Assert.Equal(["D1", "D1-C1", "D1-C2", "D1-C3"], queues.Select(q => q.Unit.Code).Order());
        Assert.Equal("D1", queues[0].Unit.Code);
        var commune = Assert.Single(queues, q => q.Unit.Code == "D1-C1");
        Assert.Equal((true, AssignmentStrategy.Manual, (int?)null, 1), (commune.IsInbox, commune.Strategy, commune.Cap, commune.OpenCases));
        Assert.All(queues.Where(q => q.Unit.Code != "D1-C1"), q => Assert.Equal(0, q.OpenCases));
    }

    [Fact]
    public async Task A_member_may_not_list_queues() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("member@demo.local", new ListQueues()));

    [Fact]
    public async Task A_coordinator_sets_a_queues_strategy_and_cap_and_the_list_shows_it()
    {
        var queueId = await Inbox("D1");

        var set = await _desk.SendAs("coordinator@demo.local", new SetQueueAssignment { QueueId = queueId, Strategy = AssignmentStrategy.LeastLoad, Cap = 5 });

        Assert.Equal((queueId, AssignmentStrategy.LeastLoad, (int?)5), (set.Id, set.Strategy, set.Cap));
        var listed = Assert.Single(await _desk.SendAs("reviewer@demo.local", new ListQueues()), q => q.Id == queueId);
        Assert.Equal(set, listed);
        Assert.Equal("least_load|5", await _desk.Scalar<string>("SELECT assignment_strategy || '|' || assignment_cap FROM queues WHERE id = @queueId", new { queueId }));

        var cleared = await _desk.SendAs("coordinator@demo.local", new SetQueueAssignment { QueueId = queueId, Strategy = AssignmentStrategy.RoundRobin });
        Assert.Equal((AssignmentStrategy.RoundRobin, (int?)null), (cleared.Strategy, cleared.Cap));
    }

    [Fact]
    public async Task A_queue_outside_the_coordinators_subtree_or_missing_is_not_found()
    {
        await _desk.AddUser("coordinator2@demo.local", Role.Coordinator, "D2");
        var queueId = await Inbox("D1");

        await Assert.ThrowsAsync<NotFoundException>(() =>
            _desk.SendAs("coordinator2@demo.local", new SetQueueAssignment { QueueId = queueId, Strategy = AssignmentStrategy.RoundRobin }));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            _desk.SendAs("coordinator@demo.local", new SetQueueAssignment { QueueId = 999_999, Strategy = AssignmentStrategy.RoundRobin }));
        Assert.Equal("manual", await _desk.Scalar<string>("SELECT assignment_strategy FROM queues WHERE id = @queueId", new { queueId }));
    }

    [Fact]
    public async Task A_reviewer_may_not_change_queue_settings() =>
        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await _desk.SendAs("reviewer@demo.local", new SetQueueAssignment { QueueId = await Inbox("D1"), Strategy = AssignmentStrategy.RoundRobin }));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task A_cap_must_be_positive(int cap)
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await _desk.SendAs("coordinator@demo.local", new SetQueueAssignment { QueueId = await Inbox("D1"), Strategy = AssignmentStrategy.LeastLoad, Cap = cap }));

        Assert.Equal(["cap"], refused.Errors.Keys);
    }

    [Fact]
    public async Task An_unknown_strategy_is_a_field_error()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await _desk.SendAs("coordinator@demo.local", new SetQueueAssignment { QueueId = await Inbox("D1"), Strategy = (AssignmentStrategy)7 }));

        Assert.Equal(["strategy"], refused.Errors.Keys);
    }
}

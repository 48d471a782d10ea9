using Triage.Client.Queue;
using Triage.Client.Sla;
using Triage.Tests.Routing;
using Triage.Tests.Support;

namespace Triage.Tests.Sla;

/// <summary>A routing rule writes queue_id without knowing about SLAs; the case's dues still follow its queue.</summary>
public sealed class SlaRoutingTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_case_a_rule_places_in_another_queue_takes_that_queues_policy_and_deleting_the_empty_queue_takes_its_policies()
    {
        var health = await _desk.NewQueue("D1", "Y tế");
        await _desk.SendAs(SlaDesk.Coordinator, new SetSlaPolicy { QueueId = health, TriageMinutes = 20, ResponseMinutes = 90 });
        await _desk.Policy("D1-C1", triage: 600, response: 1200);
        await _desk.NewRule("D1", "Vắc-xin", health, r => r.Keywords = ["vac xin"]);
        var now = _desk.Clock.GetUtcNow();

        var routed = await _desk.Report("Tin đồn: tiêm vắc-xin cúm mùa năm nay gây vô sinh cho phụ nữ, đã có hàng trăm ca ở huyện bên", "facebook");

        Assert.Equal(health, await _desk.QueueOf(routed));
        Assert.Equal(now.AddMinutes(20), (await _desk.ClocksOf(routed)).DueAt);

        await _desk.SendAs(SlaDesk.Coordinator, new SetSlaPolicy { QueueId = await _desk.NewQueue("D1", "Trống"), TriageMinutes = 5, ResponseMinutes = 5 });
        var empty = await _desk.Scalar<long>("SELECT id FROM queues WHERE name = 'Trống'");
        await _desk.SendAs(SlaDesk.Coordinator, new DeleteQueue { QueueId = empty });
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM sla_policies WHERE queue_id = @empty", new { empty }));
    }
}

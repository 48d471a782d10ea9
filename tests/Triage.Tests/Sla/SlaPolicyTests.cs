using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Sla;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Sla;

public sealed class SlaPolicyTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Theory]
    [InlineData(0, 60, "triageMinutes")]
    [InlineData(60, -5, "responseMinutes")]
    [InlineData(-1, 0, "triageMinutes,responseMinutes")]
    public async Task A_zero_or_negative_time_is_a_field_error_and_nothing_is_saved(int triage, int response, string fields)
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Policy("D1-C1", triage, response));

        Assert.Equal(fields.Split(',').Order(), refused.Errors.Keys.Order());
        Assert.All(refused.Errors.Values, messages => Assert.Contains("1", messages[0]));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM sla_policies"));
    }

    [Fact]
    public async Task Only_coordinators_of_the_queue_unit_or_above_set_policies()
    {
        var queue = await _desk.InboxOf("D1-C1");
        await _desk.AddUser("coord2@demo.local", Role.Coordinator, "D2");

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local",
            new SetSlaPolicy { QueueId = queue, TriageMinutes = 60, ResponseMinutes = 120 }));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coord2@demo.local",
            new SetSlaPolicy { QueueId = queue, TriageMinutes = 60, ResponseMinutes = 120 }));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coord2@demo.local", new ListSlaPolicies(queue)));

        var set = await _desk.SendAs(SlaDesk.Coordinator, new SetSlaPolicy { QueueId = queue, Severity = 3, TriageMinutes = 60, ResponseMinutes = 120 });
        Assert.Equal(new SlaPolicy(queue, 3, 60, 120, false), set);
        Assert.Equal([set], await _desk.SendAs(SlaDesk.Coordinator, new ListSlaPolicies(queue)));
    }

    [Fact]
    public async Task A_new_case_gets_its_due_times_from_the_queue_wide_policy()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 240);
        var now = _desk.Clock.GetUtcNow();

        var clocks = await _desk.ClocksOf(await _desk.NewCase());

        Assert.Equal((now.AddMinutes(60), now.AddMinutes(240), now.AddMinutes(60)), (clocks.TriageDueAt, clocks.ResponseDueAt, clocks.DueAt));
    }

    [Fact]
    public async Task Classifying_picks_the_severity_policy_from_the_same_start_and_the_pending_due_becomes_the_response()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 240);
        await _desk.Policy("D1-C1", triage: 30, response: 90, severity: 4);
        var start = _desk.Clock.GetUtcNow();
        var caseId = await _desk.NewCase();
        _desk.Clock.Advance(TimeSpan.FromMinutes(20));

        await _desk.SendAs("reviewer@demo.local", new ClassifyCase
        {
            CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), Verdict = "false", Category = "health", Severity = 4,
        });

        var clocks = await _desk.ClocksOf(caseId);
        Assert.Equal((start.AddMinutes(30), start.AddMinutes(90), start.AddMinutes(90)), (clocks.TriageDueAt, clocks.ResponseDueAt, clocks.DueAt));
    }

    [Fact]
    public async Task Setting_a_policy_times_the_open_cases_already_waiting_and_deleting_it_removes_their_dues()
    {
        var start = _desk.Clock.GetUtcNow();
        var caseId = await _desk.NewCase();
        Assert.Null((await _desk.ClocksOf(caseId)).DueAt);
        _desk.Clock.Advance(TimeSpan.FromMinutes(10));

        await _desk.Policy("D1-C1", triage: 60, response: 240);
        Assert.Equal(start.AddMinutes(60), (await _desk.ClocksOf(caseId)).DueAt);

        var queue = await _desk.InboxOf("D1-C1");
        await _desk.SendAs(SlaDesk.Coordinator, new DeleteSlaPolicy { QueueId = queue });
        var clocks = await _desk.ClocksOf(caseId);
        Assert.Equal((null, null, null), (clocks.TriageDueAt, clocks.ResponseDueAt, clocks.DueAt));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(SlaDesk.Coordinator, new DeleteSlaPolicy { QueueId = queue }));
    }

    [Fact]
    public async Task A_business_hours_policy_counts_only_the_desks_working_time()
    {
        // The desk's clock starts on Thursday 26 November 2026, 15:00 in Hà Nội: two working hours left that day.
        await _desk.Policy("D1-C1", triage: 180, response: 700, businessHours: true);

        var clocks = await _desk.ClocksOf(await _desk.NewCase());

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.FromHours(7)), clocks.TriageDueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 7, 40, 0, TimeSpan.FromHours(7)), clocks.ResponseDueAt);
    }

    [Fact]
    public async Task Escalating_by_hand_restarts_the_clocks_in_the_parent_inbox_and_sending_back_restarts_them_again()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 240);
        await _desk.Policy("D1", triage: 120, response: 480);
        var caseId = await _desk.NewCase();
        _desk.Clock.Advance(TimeSpan.FromMinutes(15));

        await _desk.SendAs("reviewer@demo.local", new EscalateCase { CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), Reason = "Cần huyện xử lý" });
        Assert.Equal(_desk.Clock.GetUtcNow().AddMinutes(120), (await _desk.ClocksOf(caseId)).DueAt);

        _desk.Clock.Advance(TimeSpan.FromMinutes(15));
        await _desk.SendAs("reviewer@demo.local", new DeescalateCase { CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), Reason = "Xã xử lý được" });
        Assert.Equal(_desk.Clock.GetUtcNow().AddMinutes(60), (await _desk.ClocksOf(caseId)).DueAt);
    }
}

using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class CaseEscalationTests
{
    private const string Place = "SELECT c.status || '|' || o.code || '|' || q.unit_id || '|' || CAST(q.is_inbox AS INTEGER) FROM cases c JOIN org_units o ON o.id = c.owner_unit_id JOIN queues q ON q.id = c.queue_id WHERE c.id = @caseId";

    [Fact]
    public async Task Escalating_then_deescalating_returns_status_owner_and_queue()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, caseId, await desk.Version(caseId)));
        var before = await desk.Scalar<string>(Place, new { caseId });
        var origin = await desk.Scalar<long>("SELECT owner_unit_id FROM cases WHERE id = @caseId", new { caseId });
        var parent = await desk.Scalar<long>("SELECT parent_id FROM org_units WHERE id = @origin", new { origin });

        var up = await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Escalation, caseId, await desk.Version(caseId)));

        Assert.Equal(CaseStatus.Escalated, up.Status);
        Assert.Equal($"{parent}|1|triaged|{origin}", await desk.Scalar<string>(
            "SELECT q.unit_id || '|' || CAST(q.is_inbox AS INTEGER) || '|' || c.status_before_escalation || '|' || c.escalated_from_unit_id FROM cases c JOIN queues q ON q.id = c.queue_id WHERE c.id = @caseId", new { caseId }));
        Assert.Equal(parent, await desk.Scalar<long>("SELECT owner_unit_id FROM cases WHERE id = @caseId", new { caseId }));

        var down = await desk.Act("admin@demo.local", CaseDesk.Command(CaseAction.Deescalation, caseId, up.Version));

        Assert.Equal(CaseStatus.Triaged, down.Status);
        Assert.Equal(before, await desk.Scalar<string>(Place, new { caseId }));
    }

    [Fact]
    public async Task The_origin_units_reviewer_still_reads_an_escalated_case_but_cannot_deescalate_it()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        var originCode = await desk.Scalar<string>("SELECT o.code FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId", new { caseId });
        await desk.AddUser("reviewer3@demo.local", Role.Reviewer, originCode);
        var up = await desk.Act("reviewer3@demo.local", CaseDesk.Command(CaseAction.Escalation, caseId, await desk.Version(caseId)));

        Assert.Equal(up.Version, (await desk.SendAs("reviewer3@demo.local", new GetCase(caseId))).Version);
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.Act("reviewer3@demo.local", CaseDesk.Command(CaseAction.Deescalation, caseId, up.Version)));
    }

    [Fact]
    public async Task A_case_owned_by_the_top_unit_cannot_escalate()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.Execute("UPDATE cases SET owner_unit_id = (SELECT id FROM org_units WHERE parent_id IS NULL) WHERE id = @caseId", new { caseId });
        var before = await desk.Snapshot(caseId);
        var version = await desk.Version(caseId);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            desk.Act("admin@demo.local", CaseDesk.Command(CaseAction.Escalation, caseId, version)));

        Assert.Equal(CaseRules.TopUnitCannotEscalate, conflict.Code);
        Assert.Equal(before, await desk.Snapshot(caseId));
    }
}

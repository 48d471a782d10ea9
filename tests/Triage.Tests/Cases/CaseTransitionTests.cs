using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class CaseTransitionTests
{
    public static TheoryData<CaseAction, CaseStatus> EveryMove()
    {
        var data = new TheoryData<CaseAction, CaseStatus>();
        foreach (var action in CaseDesk.Commanded)
            foreach (var status in Enum.GetValues<CaseStatus>())
                data.Add(action, status);
        return data;
    }

    [Theory, MemberData(nameof(EveryMove))]
    public async Task Every_command_moves_a_case_exactly_as_the_transition_table_says(CaseAction action, CaseStatus status)
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        var intoCaseId = action == CaseAction.Merge ? await desk.NewCase(CaseDesk.OtherClaim) : 999_998;
        await desk.ForceStatus(caseId, status);
        var version = await desk.Version(caseId);
        var before = await desk.Snapshot(caseId);
        var facts = new CaseFacts(status, status != CaseStatus.New, status == CaseStatus.Escalated ? CaseStatus.Triaged : null);

        if (CaseTransitions.TryNext(action, facts, out var expected))
        {
            var changed = await desk.Act("reviewer@demo.local", CaseDesk.Command(action, caseId, version, intoCaseId));
            Assert.Equal(expected, changed.Status);
            Assert.Equal(version + 1, changed.Version);
            Assert.Equal(expected.Code(), await desk.Scalar<string>("SELECT status FROM cases WHERE id = @caseId", new { caseId }));
        }
        else
        {
            var conflict = await Assert.ThrowsAsync<ConflictException>(() => desk.Act("reviewer@demo.local", CaseDesk.Command(action, caseId, version, intoCaseId)));
            Assert.Equal(CaseRules.IllegalTransition, conflict.Code);
            Assert.Equal(before, await desk.Snapshot(caseId));
        }
    }

    [Fact]
    public void The_table_in_code_is_the_table_in_the_design()
    {
        // DESIGN.md "Case statuses and transitions", read for a classified case that was triaged before
        // it was escalated and a close without an outcome; the conditional rows are pinned below.
        string[] design =
        [
            "new classification triaged", "triaged classification triaged", "escalated classification triaged", "assigned classification assigned",
            "triaged assignment assigned", "assigned assignment assigned",
            "new escalation escalated", "triaged escalation escalated", "assigned escalation escalated",
            "escalated deescalation triaged",
            "new dismissal dismissed", "triaged dismissal dismissed", "escalated dismissal dismissed",
            "new merge merged", "triaged merge merged", "assigned merge merged", "escalated merge merged",
            "assigned publication responded", "responded publication responded",
            "responded close closed",
            "closed reopen triaged", "dismissed reopen triaged",
        ];
        var code = from action in Enum.GetValues<CaseAction>()
                   from status in Enum.GetValues<CaseStatus>()
                   let facts = new CaseFacts(status, Classified: true, StatusBeforeEscalation: CaseStatus.Triaged)
                   where CaseTransitions.TryNext(action, facts, out _)
                   select $"{status.Code()} {action.ToString().ToLowerInvariant()} {Next(action, facts).Code()}";

        Assert.Equal(design.Order(StringComparer.Ordinal), code.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(CaseStatus.Triaged, true)]
    [InlineData(CaseStatus.Assigned, true)]
    [InlineData(CaseStatus.New, false)]
    [InlineData(CaseStatus.Escalated, false)]
    public void Only_triaged_or_assigned_cases_close_without_a_response_and_only_as_needing_none(CaseStatus status, bool closes)
    {
        Assert.Equal(closes, CaseTransitions.TryNext(CaseAction.Close, new CaseFacts(status, true, Outcome: CaseTransitions.NoResponseNeeded), out _));
        Assert.False(CaseTransitions.TryNext(CaseAction.Close, new CaseFacts(status, true, Outcome: "duplicate"), out _));
    }

    [Fact]
    public void Deescalation_returns_to_the_status_before_escalation()
    {
        Assert.Equal(CaseStatus.Assigned, Next(CaseAction.Deescalation, new CaseFacts(CaseStatus.Escalated, true, CaseStatus.Assigned)));
        Assert.Equal(CaseStatus.New, Next(CaseAction.Deescalation, new CaseFacts(CaseStatus.Escalated, false, CaseStatus.New)));
    }

    [Fact]
    public async Task Reopening_an_unclassified_dismissed_case_makes_it_new_again()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Dismissal, caseId, await desk.Version(caseId)));

        var reopened = await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Reopen, caseId, await desk.Version(caseId)));

        Assert.Equal(CaseStatus.New, reopened.Status);
    }

    [Fact]
    public async Task Reopening_a_closed_case_clears_its_assignee_and_outcome_but_keeps_its_classification()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.ForceStatus(caseId, CaseStatus.Closed);

        await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Reopen, caseId, await desk.Version(caseId)));

        Assert.Equal("triaged||false", await desk.Scalar<string>(
            "SELECT status || '|' || coalesce(CAST(assignee_user_id AS TEXT), '') || coalesce(outcome, '') || '|' || verdict FROM cases WHERE id = @caseId", new { caseId }));
    }

    private static CaseStatus Next(CaseAction action, CaseFacts facts) =>
        CaseTransitions.TryNext(action, facts, out var to) ? to : throw new InvalidOperationException($"{action} from {facts.Status}");
}

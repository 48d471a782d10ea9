using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Responses;

/// <summary>Closing and publishing from every status, against the one transition table.</summary>
public sealed class ResponseTransitionTests
{
    public static TheoryData<CaseStatus, string> EveryClose()
    {
        var data = new TheoryData<CaseStatus, string>();
        foreach (var status in Enum.GetValues<CaseStatus>())
            foreach (var outcome in ResponseCodes.Outcomes)
                data.Add(status, outcome);
        return data;
    }

    [Theory, MemberData(nameof(EveryClose))]
    public async Task A_reviewer_closes_a_case_exactly_as_the_transition_table_says(CaseStatus status, string outcome)
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.ForceStatus(caseId, status);
        var version = await desk.Version(caseId);
        var before = await desk.Snapshot(caseId);
        var close = new CloseCase { CaseId = caseId, ExpectedVersion = version, Outcome = outcome };

        if (CaseTransitions.Allows(CaseAction.Close, new CaseFacts(status, status != CaseStatus.New, Outcome: outcome)))
        {
            var changed = await desk.SendAs("reviewer@demo.local", close);
            Assert.Equal((CaseStatus.Closed, version + 1), (changed.Status, changed.Version));
            Assert.Equal(outcome, await desk.Scalar<string>("SELECT outcome FROM cases WHERE id = @caseId", new { caseId }));
        }
        else
        {
            var conflict = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs("reviewer@demo.local", close));
            Assert.Equal(CaseRules.IllegalTransition, conflict.Code);
            Assert.Equal(before, await desk.Snapshot(caseId));
        }
    }

    [Theory]
    [InlineData(CaseStatus.New)]
    [InlineData(CaseStatus.Triaged)]
    [InlineData(CaseStatus.Escalated)]
    [InlineData(CaseStatus.Assigned)]
    [InlineData(CaseStatus.Responded)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Dismissed)]
    public async Task Publishing_moves_a_case_exactly_as_the_transition_table_says(CaseStatus status)
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        var draft = await desk.SendAs("reviewer@demo.local", new DraftResponse
        {
            CaseId = caseId, Kind = "clarification", Channel = "web", Language = "en", Text = "Lemon water does not cure cancer.",
        });
        await desk.ForceStatus(caseId, status);
        var before = await desk.Snapshot(caseId);
        var publish = new PublishResponse { ResponseId = draft.ResponseId, PublishedUrl = "https://example.gov.vn/thong-cao", PublishedAt = desk.Clock.GetUtcNow() };

        if (CaseTransitions.Allows(CaseAction.Publication, new CaseFacts(status, true)))
        {
            await desk.SendAs("reviewer@demo.local", publish);
            Assert.Equal("responded", await desk.Scalar<string>("SELECT status FROM cases WHERE id = @caseId", new { caseId }));
        }
        else
        {
            var conflict = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs("reviewer@demo.local", publish));
            Assert.Equal(CaseRules.IllegalTransition, conflict.Code);
            Assert.Equal(before, await desk.Snapshot(caseId));
            Assert.Equal("draft", await desk.Scalar<string>("SELECT status FROM counter_messages WHERE id = @id", new { id = draft.ResponseId }));
        }
    }
}

using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Client.Units;
using static Triage.Tests.Components.CaseViewData;

namespace Triage.Tests.Components;

/// <summary>The case page's counter-messages: each reader is offered what the server would accept from them.</summary>
public sealed class CaseResponsesTests
{
    private static readonly Person Responder = new(4, "responder@demo.local", "Phạm Thị Lan");
    private static readonly DateTimeOffset Written = FirstSeen.AddHours(6);
    private static readonly ResponseReach NoReach = new(0, null, null, null, null, []);

    private static CaseResponse Message(long id, ResponseStatus status, Person author, bool approvalRequired, string? url = null) =>
        new(id, CaseId, author, "debunk", "facebook", "vi", "Nước chanh không chữa ung thư.", null, null, $"Sự thật số {id}: nước chanh không chữa ung thư.",
            status, status == ResponseStatus.Approved ? Reviewer : null, url, url is null ? null : Written.AddHours(1), Written, NoReach with { ResponseId = id })
        { ApprovalRequired = approvalRequired };

    private static IRenderedComponent<CaseViewHost> Open(FakeMediator mediator, MyAccount me, out BunitContext ctx)
    {
        ctx = ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<CaseViewHost>(p => p.Add(h => h.CaseId, CaseId).Add(h => h.Me, me));
        cut.WaitForElement("[data-testid=responses]");
        return cut;
    }

    private static IReadOnlyList<string> Buttons(IRenderedComponent<CaseViewHost> cut, long responseId) =>
        [.. cut.Find($"[data-response-id='{responseId}']").QuerySelectorAll("[data-testid^=response-]")
            .Select(e => e.GetAttribute("data-testid")!)
            .Where(t => t is "response-edit" or "response-approve" or "response-publish" or "response-reach" or "response-request-approval")];

    [Fact]
    public async Task A_reviewer_approves_someone_elses_draft_records_reach_on_a_published_one_and_may_close()
    {
        var responded = Case(CaseStatus.Responded, verdict: "false") with { Assignee = Responder };
        var mediator = Mediator(() => responded)
            .On<ListCaseResponses, IReadOnlyList<CaseResponse>>(_ =>
                [Message(1, ResponseStatus.AwaitingApproval, Responder, true), Message(2, ResponseStatus.Published, Responder, true, "https://facebook.com/hoi/posts/9")])
            .On<ApproveResponse, ResponseSaved>(r => new ResponseSaved(r.ResponseId, ResponseStatus.Approved));
        var cut = Open(mediator, Account(Role.Reviewer), out var ctx);
        await using var _ = ctx;

        Assert.Equal(["response-approve"], Buttons(cut, 1));
        Assert.Equal(["response-reach"], Buttons(cut, 2));
        Assert.NotEmpty(cut.FindAll("[data-testid=action-close]"));
        Assert.Equal("case-42-claimreview.jsonld", cut.Find("[data-claimreview-download]").GetAttribute("download"));

        cut.Find("[data-response-id='1'] [data-testid=response-approve]").Click();
        cut.WaitForAssertion(() => Assert.Equal(1, Assert.Single(mediator.SentOf<ApproveResponse>()).ResponseId));
    }

    [Fact]
    public async Task The_assigned_responder_edits_and_sends_their_draft_for_approval_but_neither_approves_nor_publishes_it()
    {
        var assigned = Case(CaseStatus.Assigned, verdict: "false", mayAct: false) with { Assignee = Responder };
        var mediator = Mediator(() => assigned)
            .On<ListCaseResponses, IReadOnlyList<CaseResponse>>(_ =>
                [Message(1, ResponseStatus.Draft, Responder, true), Message(3, ResponseStatus.Draft, Reviewer, true), Message(4, ResponseStatus.Approved, Reviewer, true)])
            .On<RequestApproval, ResponseSaved>(r => new ResponseSaved(r.ResponseId, ResponseStatus.AwaitingApproval));
        var me = new MyAccount(Responder.Id, Responder.Email, Responder.Name, [Role.Responder], new UnitRef(2, "D1", "Hội LHPN huyện Bình Minh"));
        var cut = Open(mediator, me, out var ctx);
        await using var _ = ctx;

        Assert.Equal(["response-edit", "response-request-approval"], Buttons(cut, 1));
        Assert.Empty(Buttons(cut, 3));
        Assert.Equal(["response-publish"], Buttons(cut, 4));
        Assert.Equal($"/cases/{CaseId}/respond?response=1", cut.Find("[data-response-id='1'] [data-testid=response-edit]").GetAttribute("href"));
        Assert.Equal($"/library?caseId={CaseId}", cut.Find("[data-testid=respond-library]").GetAttribute("href"));
        // A responder closes only a case they answered.
        Assert.Empty(cut.FindAll("[data-testid=action-close]"));
        Assert.Empty(cut.FindAll("[data-claimreview-download]"));

        cut.Find("[data-response-id='1'] [data-testid=response-request-approval]").Click();
        cut.WaitForAssertion(() => Assert.Equal(1, Assert.Single(mediator.SentOf<RequestApproval>()).ResponseId));
    }

    [Fact]
    public async Task A_responder_not_assigned_to_the_case_reads_its_messages_and_is_offered_nothing()
    {
        var assigned = Case(CaseStatus.Assigned, verdict: "false", mayAct: false) with { Assignee = Responder };
        var mediator = Mediator(() => assigned)
            .On<ListCaseResponses, IReadOnlyList<CaseResponse>>(_ => [Message(1, ResponseStatus.Draft, Responder, false)]);
        var other = new MyAccount(11, "responder2@demo.local", "Vũ Thị Thu", [Role.Responder], new UnitRef(2, "D1", "Hội LHPN huyện Bình Minh"));
        var cut = Open(mediator, other, out var ctx);
        await using var _ = ctx;

        Assert.Empty(Buttons(cut, 1));
        Assert.Empty(cut.FindAll("[data-testid=respond-write]"));
        Assert.Empty(cut.FindAll("[data-testid=action-close]"));
    }
}

using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Library;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Client.Taxonomy;
using Triage.Client.Units;
using static Triage.Tests.Components.CaseViewData;

namespace Triage.Tests.Components;

public sealed class RespondPageTests
{
    private static readonly Person Responder = new(4, "responder@demo.local", "Phạm Thị Lan");
    private static readonly MyAccount Me = new(Responder.Id, Responder.Email, Responder.Name, [Role.Responder], new UnitRef(2, "D1", "Hội LHPN huyện Bình Minh"));
    private const string LibraryText = "Bộ Y tế: nước chanh không chữa được ung thư. Hãy đi khám khi có dấu hiệu bệnh.";

    private sealed class Desk
    {
        public List<CaseResponse> Saved { get; } = [];
        public FakeMediator Mediator { get; }

        public Desk(CaseDetail shown)
        {
            Mediator = CaseViewData.Mediator(() => shown)
                .On<ListCaseResponses, IReadOnlyList<CaseResponse>>(_ => [.. Saved])
                .On<UseLibraryMessage, LibraryDraft>(r => new LibraryDraft(r.MessageId, r.CaseId, "Nước chanh", LibraryText, "vi", null, [], 5))
                .On<DraftResponse, ResponseSaved>(r =>
                {
                    Saved.Add(new CaseResponse(70, r.CaseId, Responder, r.Kind, r.Channel, r.Language, r.Fact, r.Myth, r.Fallacy, r.Text,
                        ResponseStatus.Draft, null, null, null, FirstSeen, new ResponseReach(70, null, null, null, null, [])));
                    return new ResponseSaved(70, ResponseStatus.Draft);
                });
        }
    }

    private static IRenderedComponent<CascadingValue<MyAccount>> Open(BunitContext ctx, string uri)
    {
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ctx.Render<MudPopoverProvider>();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return ctx.Render<CascadingValue<MyAccount>>(p => p.Add(c => c.Value, Me)
            .AddChildContent<RespondPage>(r => r.Add(x => x.CaseId, CaseId)));
    }

    private static CaseDetail Assigned => Case(CaseStatus.Assigned, verdict: "false", mayAct: false, note: "Nguồn là trang giả mạo bệnh viện K.") with { Assignee = Responder };

    [Fact]
    public async Task Starting_from_a_library_message_counts_the_use_and_saves_one_draft_that_the_address_then_names()
    {
        var desk = new Desk(Assigned);
        await using var ctx = ComponentContext.Create("vi-VN", s => s.AddSingleton<IMediator>(desk.Mediator));
        ComponentContext.UseCulture("vi-VN");

        var cut = Open(ctx, $"/cases/{CaseId}/respond?from=9");

        cut.WaitForAssertion(() => Assert.EndsWith($"/cases/{CaseId}/respond?response=70", ctx.Services.GetRequiredService<NavigationManager>().Uri));
        cut.WaitForAssertion(() => Assert.Equal(LibraryText, cut.Find("textarea[data-testid=response-text]").GetAttribute("value") ?? cut.Find("textarea[data-testid=response-text]").TextContent));
        Assert.Equal(9, Assert.Single(desk.Mediator.SentOf<UseLibraryMessage>()).MessageId);
        var draft = Assert.Single(desk.Mediator.SentOf<DraftResponse>());
        Assert.Equal(("debunk", "facebook", "vi", LibraryText), (draft.Kind, draft.Channel, draft.Language, draft.Text));
        Assert.Contains("Nguồn là trang giả mạo bệnh viện K.", cut.Find("[data-testid=respond-note]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_not_yet_assigned_takes_no_new_message_and_nothing_is_started()
    {
        var desk = new Desk(Case(CaseStatus.Triaged, verdict: "false"));
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(desk.Mediator));
        ComponentContext.UseCulture("en-US");

        var cut = Open(ctx, $"/cases/{CaseId}/respond?from=9");

        cut.WaitForElement("[data-testid=respond-closed]");
        Assert.Empty(cut.FindAll("[data-testid=response-editor]"));
        Assert.Empty(cut.FindAll("[data-testid=publish-form]"));
        Assert.Empty(desk.Mediator.SentOf<UseLibraryMessage>());
        Assert.Empty(desk.Mediator.SentOf<DraftResponse>());
    }

    [Fact]
    public async Task A_member_is_told_the_page_is_not_for_them()
    {
        var desk = new Desk(Assigned);
        desk.Mediator.On<ListCaseResponses, IReadOnlyList<CaseResponse>>(_ => throw new ForbiddenException());
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(desk.Mediator));
        ComponentContext.UseCulture("en-US");

        var cut = Open(ctx, $"/cases/{CaseId}/respond");

        cut.WaitForAssertion(() => Assert.Contains("written by responders and reviewers", cut.Find("[data-testid=respond-not-found]").TextContent, StringComparison.Ordinal));
    }
}

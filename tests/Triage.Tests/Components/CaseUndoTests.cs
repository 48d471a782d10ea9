using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using static Triage.Tests.Components.CaseViewData;

namespace Triage.Tests.Components;

/// <summary>Dismissing a case from its page: the toast says which case, and its Undo reopens it.</summary>
public sealed class CaseUndoTests
{
    [Fact]
    public async Task Undo_after_dismissing_a_case_reopens_it_on_the_version_the_dismissal_wrote()
    {
        var current = Case(CaseStatus.Triaged, version: 3, verdict: "false");
        var mediator = Mediator(() => current)
            .On<DismissCase, CaseChanged>(request =>
            {
                current = Case(CaseStatus.Dismissed, version: 4, verdict: "false");
                return new CaseChanged(CaseId, CaseStatus.Dismissed, 4);
            })
            .On<ReopenCase, CaseChanged>(request =>
            {
                current = Case(CaseStatus.Triaged, version: 5, verdict: "false");
                return new CaseChanged(CaseId, CaseStatus.Triaged, 5);
            });
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<CaseViewHost>(p => p.Add(h => h.CaseId, CaseId).Add(h => h.Me, Account(Role.Reviewer)));

        cut.WaitForElement("[data-testid=action-dismissal]").Click();
        cut.WaitForElement("[data-testid=reason]").Input("Không phải tin xấu độc");
        await cut.Find("[data-testid=reason]").Closest("form")!.SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains($"Case #{CaseId} dismissed.", cut.Markup));
        Assert.Empty(mediator.SentOf<ReopenCase>());
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Undo").Click();

        cut.WaitForAssertion(() => Assert.Contains($"Case #{CaseId} reopened.", cut.Markup));
        var reopen = mediator.SentOf<ReopenCase>().Single();
        Assert.Equal(4, reopen.ExpectedVersion);
        Assert.Equal("Dismissal undone.", reopen.Reason);
        Assert.NotEmpty(cut.FindAll("[data-testid=action-dismissal]"));
    }
}

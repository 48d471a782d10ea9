using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Library;
using Triage.Client.Pipeline;
using Triage.Client.Taxonomy;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Library;

/// <summary>The library page over a fake desk: what it asks when searching, and what it shows.</summary>
public sealed class LibraryPageTests
{
    private static MyAccount Account(params Role[] roles) => new(7, "reviewer@demo.local", "Lê Văn Thẩm", roles, new UnitRef(2, "D1", "Quận 1"));

    private static LibraryMessage Message(long id, string title, long usage, long similar = 0) =>
        new(id, title, "Nội dung " + title, "vi", "health", "Luận điệu", ["C00042"], usage, similar,
            new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    private static (BunitContext Context, FakeMediator Mediator) Desk()
    {
        var mediator = new FakeMediator()
            .On<GetTaxonomy, TaxonomyTerms>(_ => new TaxonomyTerms([], [new Term("health", new TermLabels("Sức khỏe", "Health"))], []))
            .On<ListDisarmCountermeasures, IReadOnlyList<DisarmCountermeasure>>(_ => [new DisarmCountermeasure("C00042", "Address truth contained in narratives", "M010 - Countermessaging")])
            .On<SearchLibrary, LibraryPage>(r => r.Q is null
                ? new LibraryPage([Message(1, "Nước chanh", 3), Message(2, "Vắc xin cúm", 1)], null)
                : new LibraryPage([Message(2, "Vắc xin cúm", 1)], null));
        var ctx = ComponentContext.Create("en-US", s =>
        {
            s.AddSingleton<IMediator>(mediator);
            s.AddSupplyValueFromQueryProvider();
        });
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return (ctx, mediator);
    }

    [Fact]
    public async Task Searching_sends_the_typed_words_and_shows_the_matches_with_tags_and_usage()
    {
        var (ctx, mediator) = Desk();
        await using var _ = ctx;
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<MessageLibrary>(p => p.AddCascadingValue(Account(Role.Responder)));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-library-message]").Count));

        page.Find("input[data-testid=library-q]").Change("tiem vac xin");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-library-message]")));
        Assert.Equal("tiem vac xin", mediator.SentOf<SearchLibrary>().Last().Q);
        var shown = page.Find("[data-library-message='2']");
        Assert.Contains("Vắc xin cúm", shown.TextContent);
        Assert.Contains("Used 1 times", shown.TextContent);
        Assert.Contains("C00042", shown.TextContent);
        Assert.Contains("Health", shown.TextContent);
        // A responder may not add messages, and without a case there is nothing to start a draft for.
        Assert.Empty(page.FindAll("[data-testid=library-add]"));
        Assert.Empty(page.FindAll("[data-testid=library-use]"));
    }

    [Fact]
    public async Task A_reviewer_sees_the_add_button()
    {
        var (ctx, _) = Desk();
        await using var __ = ctx;
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<MessageLibrary>(p => p.AddCascadingValue(Account(Role.Reviewer)));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=library-add]")));
    }
}

using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Library;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Reports;
using Triage.Client.Taxonomy;
using Triage.Client.Units;

namespace Triage.Tests.Components;

/// <summary>An empty list says why it is empty and offers the next step, over a fake desk.</summary>
public sealed class EmptyStateTests
{
    private static MyAccount Account(params Role[] roles) => new(7, "reviewer@demo.local", "Lê Văn Thẩm", roles, new UnitRef(2, "D1", "Quận 1"));

    private static BunitContext Context(IMediator mediator)
    {
        var ctx = ComponentContext.Create("en-US", s =>
        {
            s.AddSingleton(mediator);
            s.AddSupplyValueFromQueryProvider();
        });
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    [Fact]
    public async Task My_reports_with_nothing_reported_says_so_and_links_to_the_report_form()
    {
        var mediator = new FakeMediator()
            .On<GetTaxonomy, TaxonomyTerms>(_ => new TaxonomyTerms([], [], []))
            .On<ListMyReports, MyReportPage>(_ => new MyReportPage([], null));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");

        var page = ctx.Render<MyReports>();

        var empty = page.WaitForElement("[data-testid=my-reports-none]");
        Assert.Contains("You have not reported anything yet.", empty.TextContent);
        var action = empty.QuerySelector("[data-testid=empty-action]")!;
        Assert.Equal("/reports/new", action.GetAttribute("href"));
        Assert.Equal("Report a post", action.TextContent.Trim());
    }

    [Fact]
    public async Task An_empty_queue_without_filters_says_new_reports_arrive_live_and_offers_no_clearing()
    {
        var mediator = new QueueMediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");

        var page = ctx.Render<QueuePage>(p => p.AddCascadingValue(Account(Role.Reviewer)));

        page.WaitForAssertion(() => Assert.Contains("Nothing waits in this queue.", page.Find("[data-testid=queue-none]").TextContent));
        Assert.Contains("New reports will appear here live", page.Find("[data-testid=queue-none]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=queue-none] [data-testid=empty-action]"));
    }

    [Fact]
    public async Task A_queue_filtered_to_nothing_offers_to_clear_the_filters_and_clearing_keeps_the_queue_but_drops_the_rest()
    {
        var mediator = new QueueMediator();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/queue?q=vac%20xin&queue=41&severity=2");

        var page = ctx.Render<QueuePage>(p => p.AddCascadingValue(Account(Role.Reviewer)));
        page.WaitForAssertion(() => Assert.Contains("No cases match these filters.", page.Find("[data-testid=queue-none]").TextContent));

        page.Find("[data-testid=queue-none] [data-testid=empty-action]").Click();

        page.WaitForAssertion(() => Assert.Contains("Nothing waits in this queue.", page.Find("[data-testid=queue-none]").TextContent));
        var last = mediator.Listed.Last();
        Assert.Null(last.Q);
        Assert.Null(last.Severity);
        Assert.Equal(41, last.QueueId);
    }

    private static FakeMediator Library(Func<SearchLibrary, LibraryPage> search) => new FakeMediator()
        .On<GetTaxonomy, TaxonomyTerms>(_ => new TaxonomyTerms([], [], []))
        .On<ListDisarmCountermeasures, IReadOnlyList<DisarmCountermeasure>>(_ => [])
        .On(search);

    [Fact]
    public async Task An_empty_library_asks_a_reviewer_to_add_the_first_message_and_only_explains_to_a_responder()
    {
        await using var ctx = Context(Library(_ => new LibraryPage([], null)));
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudDialogProvider>();

        var reviewer = ctx.Render<MessageLibrary>(p => p.AddCascadingValue(Account(Role.Reviewer)));
        var responder = ctx.Render<MessageLibrary>(p => p.AddCascadingValue(Account(Role.Responder)));

        reviewer.WaitForAssertion(() => Assert.Contains("The library has no messages yet.", reviewer.Find("[data-testid=library-none]").TextContent));
        Assert.Equal("Add message", reviewer.Find("[data-testid=library-none] [data-testid=empty-action]").TextContent.Trim());
        responder.WaitForAssertion(() => Assert.Contains("Reviewers add approved counter-messages here", responder.Find("[data-testid=library-none]").TextContent));
        Assert.Empty(responder.FindAll("[data-testid=library-none] [data-testid=empty-action]"));
    }

    [Fact]
    public async Task A_library_search_that_finds_nothing_offers_to_clear_it_and_clearing_searches_everything_again()
    {
        var mediator = Library(_ => new LibraryPage([], null));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var page = ctx.Render<MessageLibrary>(p => p.AddCascadingValue(Account(Role.Responder)));
        page.WaitForElement("[data-testid=library-none]");

        page.Find("input[data-testid=library-q]").Change("khong co");

        page.WaitForAssertion(() => Assert.Contains("No message matches.", page.Find("[data-testid=library-none]").TextContent));
        page.Find("[data-testid=library-none] [data-testid=empty-action]").Click();

        page.WaitForAssertion(() => Assert.Contains("The library has no messages yet.", page.Find("[data-testid=library-none]").TextContent));
        Assert.Equal("khong co", mediator.SentOf<SearchLibrary>().SkipLast(1).Last().Q);
        Assert.Null(mediator.SentOf<SearchLibrary>().Last().Q);
    }

    [Fact]
    public async Task A_case_without_comments_says_how_to_write_one_in_vietnamese()
    {
        await using var ctx = Context(new FakeMediator());
        ComponentContext.UseCulture("vi-VN");

        var comments = ctx.Render<CaseComments>(p => p.Add(c => c.CaseId, 12).Add(c => c.Comments, []));

        var empty = comments.Find("[data-testid=comments-none]");
        Assert.Contains("Chưa có trao đổi nào.", empty.TextContent);
        Assert.Contains("gõ @ và tên", empty.TextContent);
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Stats;
using Triage.Client.Taxonomy;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Stats;

public sealed class DashboardPageTests
{
    private static readonly UnitRef P = new(1, "P", "Tỉnh Sơn Hà"), D1 = new(2, "D1", "Huyện Bình Minh"), C1 = new(5, "D1-C1", "Xã Phú Thịnh");
    private static readonly DateOnly From = new(2026, 11, 1), To = new(2026, 11, 26);

    private static DeskStats Stats(UnitRef unit) => new(From, To, unit,
        [new DailyReports(new DateOnly(2026, 11, 25), "facebook", 3, 2), new DailyReports(new DateOnly(2026, 11, 26), "zalo", 2, 0)],
        [new ClassificationCount("health", "false", 4), new ClassificationCount(null, null, 1)],
        [new UnitFigures(D1, true, 5, 3, 1, new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero))],
        [new BacklogBucket("under_1d", 1), new BacklogBucket("1_3d", 1), new BacklogBucket("3_7d", 0), new BacklogBucket("over_7d", 1)],
        new Durations(4, 2.5, 9), new Durations(0, null, null), new SlaCompliance(4, 3, 0, 0),
        [new ResponderLoad(new Person(4, "responder@demo.local", "Phạm Thị Lan"), 2)],
        [new Cluster(42, "=cmd| nước chanh chữa ung thư", 7, CaseStatus.Assigned)]);

    private static FakeMediator Mediator() => new FakeMediator()
        .On<GetTaxonomy, TaxonomyTerms>(_ => CaseViewData.Terms)
        .On<ListUnits, IReadOnlyList<UnitNode>>(_ => [new UnitNode(1, null, "P", P.Name, 0, 2), new UnitNode(2, 1, "D1", D1.Name, 1, 4), new UnitNode(5, 2, "D1-C1", C1.Name, 2, 0)])
        .On<GetStats, DeskStats>(r => Stats(r.UnitId == 2 ? D1 : P));

    [Fact]
    public async Task Every_figure_is_a_table_with_a_csv_and_a_unit_with_units_below_drills_down()
    {
        var mediator = Mediator();
        await using var ctx = ComponentContext.Create("vi-VN", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("vi-VN");
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<DashboardPage>();

        page.WaitForElement("[data-testid=figure-units]");
        foreach (var figure in new[] { "reports-per-day", "units", "classification", "times", "sla", "backlog", "workload", "clusters" })
        {
            Assert.NotEmpty(page.FindAll($"[data-testid=figure-{figure}] table"));
            Assert.StartsWith("data:text/csv;charset=utf-8,", page.Find($"[data-testid=figure-{figure}-csv]").GetAttribute("href"), StringComparison.Ordinal);
        }
        Assert.Equal("/dashboard?unit=2&from=2026-11-01&to=2026-11-26", page.Find("[data-testid=drill-down]").GetAttribute("href"));
        Assert.Contains("Chưa phân loại", page.Find("[data-testid=figure-classification]").TextContent, StringComparison.Ordinal);
        Assert.Contains("75", page.Find("[data-testid=figure-sla]").TextContent, StringComparison.Ordinal);
        // The case keeps its number before the title typed by a member, so the cell never starts like a formula.
        Assert.Contains("#42 =cmd| nước chanh", Uri.UnescapeDataString(page.Find("[data-testid=figure-clusters-csv]").GetAttribute("href")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_is_the_filter()
    {
        var mediator = Mediator();
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudPopoverProvider>();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/dashboard?unit=2&from=2026-11-01&to=2026-11-26");

        var page = ctx.Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("Huyện Bình Minh", page.Find("[data-testid=dashboard-summary]").TextContent, StringComparison.Ordinal));
        var asked = mediator.SentOf<GetStats>().Last();
        Assert.Equal((2L, From, To), (asked.UnitId!.Value, asked.From!.Value, asked.To!.Value));
    }

    [Fact]
    public async Task A_reviewer_is_told_the_dashboard_is_not_for_them()
    {
        var mediator = Mediator().On<GetStats, DeskStats>(_ => throw new ForbiddenException());
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");

        var page = ctx.Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("for coordinators and administrators", page.Markup, StringComparison.Ordinal));
    }
}

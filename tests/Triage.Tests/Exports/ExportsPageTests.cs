using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Exports;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Exports;

public sealed class ExportsPageTests
{
    private static readonly UnitRef P = new(1, "P", "Tỉnh Sơn Hà");

    private static FakeMediator Mediator() => new FakeMediator()
        .On<CountExport, ExportSize>(r =>
        {
            if (r.From > r.To) throw new ValidationFailedException(new Dictionary<string, string[]> { ["to"] = ["The end date must not be before the start date."] });
            var from = r.From ?? new DateOnly(2026, 10, 28);
            return new ExportSize(from, r.To ?? new DateOnly(2026, 11, 26), r.UnitId == 2 ? new UnitRef(2, "D1", "Huyện Bình Minh") : P,
                r.From is null ? 120 : 7, r.From is null ? 1_234 : 9);
        })
        .On<ListUnits, IReadOnlyList<UnitNode>>(_ => [new UnitNode(1, null, "P", "Tỉnh Sơn Hà", 0, 2), new UnitNode(2, 1, "D1", "Huyện Bình Minh", 1, 4)]);

    [Fact]
    public async Task The_page_shows_what_each_file_will_hold_and_counts_again_for_another_range()
    {
        var mediator = Mediator();
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<ExportsPage>();

        Assert.Contains("Tỉnh Sơn Hà, 10/28/2026 to 11/26/2026: 120 cases and 1,234 reports.", page.Find("[data-testid=export-summary]").TextContent);
        Assert.Equal("1,234 rows", page.Find("[data-testid=export-reports-rows]").TextContent.Trim());
        Assert.Equal("2026-10-28", page.Find("#export-from").GetAttribute("value"));

        page.Find("#export-from").Change("2026-11-20");

        page.WaitForAssertion(() => Assert.Contains("7 cases and 9 reports", page.Find("[data-testid=export-summary]").TextContent));
        Assert.Equal(new DateOnly(2026, 11, 20), mediator.SentOf<CountExport>().Last().From);
        Assert.Equal("9 rows", page.Find("[data-testid=export-reports-rows]").TextContent.Trim());
    }

    [Fact]
    public async Task A_start_after_the_end_shows_the_servers_message_and_keeps_the_last_counts()
    {
        var mediator = Mediator();
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<ExportsPage>();

        page.Find("#export-from").Change("2026-12-20");

        page.WaitForAssertion(() => Assert.Contains("The end date must not be before the start date.", page.Markup));
        Assert.Contains("120 cases", page.Find("[data-testid=export-summary]").TextContent);
    }

    [Fact]
    public async Task A_download_shows_the_rows_received_against_the_count_and_then_the_saved_file()
    {
        var mediator = Mediator();
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        var module = ctx.JSInterop.SetupModule("./_content/Triage.Client/js/exports.js");
        var download = module.Setup<ExportDownload.DownloadResult>("download", _ => true);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<ExportsPage>();

        page.Find("[data-testid=export-reports-download]").Click();
        var invocation = Assert.Single(module.Invocations, i => i.Identifier == "download");
        Assert.Equal("/api/v1/exports/reports.csv?from=2026-10-28&to=2026-11-26&unit=1", invocation.Arguments[0]);
        var downloader = page.FindComponents<ExportDownload>().Single(c => c.Instance.Kind == "reports");
        await downloader.InvokeAsync(() => downloader.Instance.Received(617, 150 * 1024));

        page.WaitForAssertion(() => Assert.Equal("617 of 1,234 rows received (150 KB)", page.Find("[data-testid=export-reports-progress]").TextContent.Trim()));
        Assert.Equal("50", page.Find("[data-testid=export-reports] .mud-progress-linear").GetAttribute("aria-valuenow"));
        Assert.True(page.Find("[data-testid=export-reports-download]").HasAttribute("disabled"));

        download.SetResult(new ExportDownload.DownloadResult(true, 200, 1_234, 300 * 1024, "reports-P-2026-10-28-2026-11-26.csv"));

        page.WaitForAssertion(() => Assert.Equal("Saved 1,234 rows as reports-P-2026-10-28-2026-11-26.csv.",
            page.Find("[data-testid=export-reports-done]").TextContent.Trim()));
        Assert.False(page.Find("[data-testid=export-reports-download]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_refused_download_says_so()
    {
        var mediator = Mediator();
        await using var ctx = ComponentContext.Create("vi-VN", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("vi-VN");
        var module = ctx.JSInterop.SetupModule("./_content/Triage.Client/js/exports.js");
        module.Setup<ExportDownload.DownloadResult>("download", _ => true).SetResult(new ExportDownload.DownloadResult(false, 404, 0, 0, ""));
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<ExportsPage>();

        page.Find("[data-testid=export-cases-download]").Click();

        page.WaitForAssertion(() => Assert.Equal("Tải xuống không thành công (HTTP 404). Hãy thử lại.", page.Find("[data-testid=export-cases-failed]").TextContent.Trim()));
    }

    [Fact]
    public async Task Someone_who_may_not_export_is_told_so()
    {
        var mediator = new FakeMediator().On<CountExport, ExportSize>(_ => throw new ForbiddenException());
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");

        var page = ctx.Render<ExportsPage>();

        Assert.Contains("Exports are for coordinators and admins.", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=export-reports-download]"));
    }
}

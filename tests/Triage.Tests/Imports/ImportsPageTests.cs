using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Imports;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Imports;

public sealed class ImportsPageTests
{
    private static readonly UnitRef P = new(1, "P", "Tỉnh Sơn Hà");

    private static FakeMediator Mediator(Role role = Role.Coordinator) => new FakeMediator()
        .On<GetMe, MyAccount>(_ => new MyAccount(7, "coordinator@demo.local", "Trần Thị Mai", [role], P))
        .On<ListUnits, IReadOnlyList<UnitNode>>(_ => [new UnitNode(1, null, "P", "Tỉnh Sơn Hà", 0, 2), new UnitNode(2, 1, "D1", "Huyện Bình Minh", 1, 4)])
        .On<ReadImportHeaders, ImportHeaders>(_ => new ImportHeaders(["Liên kết", "Tin nhắn", "Ghi chú"],
            new Dictionary<string, string> { ["url"] = "Liên kết", ["note"] = "Ghi chú" }, 3))
        .On<ImportReports, ImportedReports>(r => r.DryRun
            ? new ImportedReports([new ImportRow(2, true, []), new ImportRow(3, false, ["Column Liên kết: This is not a web link."]), new ImportRow(4, true, [])], 1, 1)
            : new ImportedReports([new ImportRow(2, true, [], 42), new ImportRow(3, false, ["Column Liên kết: This is not a web link."]), new ImportRow(4, true, [], 42, "text")], 1, 1));

    private static async Task<(BunitContext Ctx, IRenderedComponent<ImportsPage> Page, FakeMediator Mediator)> Open(FakeMediator mediator)
    {
        var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<ImportsPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Liên kết,Tin nhắn,Ghi chú\n", "nhom-zalo.csv"));
        await Task.CompletedTask;
        return (ctx, page, mediator);
    }

    private static IRenderedComponent<MudSelect<string>> Select(IRenderedComponent<ImportsPage> page, string label) =>
        page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == label);

    private static string? Shown(IRenderedComponent<ImportsPage> page, string label) =>
        Select(page, label).Find("input").GetAttribute("value");

    [Fact]
    public async Task A_chosen_file_shows_its_columns_preselected_by_name_and_the_check_sends_the_mapping_shown()
    {
        var (ctx, page, mediator) = await Open(Mediator());
        await using var _ = ctx;

        page.WaitForAssertion(() => Assert.Contains("nhom-zalo.csv: 3 rows, 3 columns.", page.Find("[data-testid=import-file-summary]").TextContent));
        Assert.Equal("Liên kết", Shown(page, "Link to the post"));
        Assert.Equal("Ghi chú", Shown(page, "Note"));
        Assert.Equal("(none)", Shown(page, "Text as seen"));

        var text = Select(page, "Text as seen");
        await text.InvokeAsync(() => text.Instance.ValueChanged.InvokeAsync("Tin nhắn"));
        page.Find("[data-testid=import-check]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "1 rows would open new cases, 1 would join open cases, 1 have errors and would be skipped.",
            page.Find("[data-testid=import-prediction]").TextContent.Trim()));
        var sent = Assert.Single(mediator.SentOf<ImportReports>());
        Assert.True(sent.DryRun);
        Assert.Equal("nhom-zalo.csv", sent.FileName);
        Assert.Equal(1, sent.UnitId);
        Assert.Equal(new Dictionary<string, string>
        {
            ["url"] = "Liên kết", ["text"] = "Tin nhắn", ["platform"] = "", ["category"] = "", ["note"] = "Ghi chú", ["reportedAt"] = "",
        }, sent.Columns);
        var error = page.Find("[data-testid=import-errors] tbody tr");
        Assert.Equal("3", error.GetAttribute("data-line"));
        Assert.Contains("Column Liên kết: This is not a web link.", error.TextContent);
        Assert.Equal("Import 2 rows (1 skipped)", page.Find("[data-testid=import-commit]").TextContent.Trim());
    }

    [Fact]
    public async Task Importing_shows_what_was_done_with_links_to_the_cases()
    {
        var (ctx, page, mediator) = await Open(Mediator());
        await using var _ = ctx;
        page.WaitForElement("[data-testid=import-check]").Click();
        page.WaitForElement("[data-testid=import-commit]").Click();

        page.WaitForAssertion(() => Assert.Equal("Imported 2 rows: 1 opened new cases, 1 joined open cases; 1 skipped.",
            page.Find("[data-testid=import-done]").TextContent.Trim()));
        Assert.Equal([true, false], mediator.SentOf<ImportReports>().Select(r => r.DryRun));
        Assert.Equal(["/cases/42", "/cases/42"], page.FindAll("[data-testid=import-imported] a").Select(a => a.GetAttribute("href")));
        Assert.Contains("joined: similar text", page.Find("[data-testid=import-imported]").TextContent);
    }

    [Fact]
    public async Task A_changed_mapping_asks_for_a_new_check_before_importing()
    {
        var (ctx, page, _) = await Open(Mediator());
        await using var _ = ctx;
        page.WaitForElement("[data-testid=import-check]").Click();
        page.WaitForElement("[data-testid=import-commit]");

        var note = Select(page, "Note");
        await note.InvokeAsync(() => note.Instance.ValueChanged.InvokeAsync("\0"));

        Assert.Empty(page.FindAll("[data-testid=import-commit]"));
    }

    [Fact]
    public async Task A_unit_gone_from_the_coordinators_subtree_falls_back_to_their_own()
    {
        var mediator = Mediator();
        mediator.On<ImportReports, ImportedReports>(r => r.UnitId == 2 ? throw new NotFoundException("Unit") : new ImportedReports([new ImportRow(2, true, [])], 1, 0));
        var (ctx, page, _) = await Open(mediator);
        await using var _ = ctx;
        page.WaitForElement("[data-testid=import-check]");
        var unit = page.FindComponent<UnitSelect>();
        await unit.InvokeAsync(() => unit.Instance.ValueChanged.InvokeAsync(2));

        page.Find("[data-testid=import-check]").Click();

        page.WaitForAssertion(() => Assert.Contains("no longer in your subtree", page.Find("[data-testid=import-problem]").TextContent));
        page.Find("[data-testid=import-check]").Click();
        page.WaitForAssertion(() => Assert.Equal([2L, 1L], mediator.SentOf<ImportReports>().Select(r => r.UnitId!.Value)));
        page.WaitForElement("[data-testid=import-prediction]");
    }

    [Fact]
    public async Task A_file_level_problem_is_shown_in_the_readers_words()
    {
        var mediator = Mediator().On<ReadImportHeaders, ImportHeaders>(_ =>
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = ["Tệp không phải văn bản UTF-8."] }));
        var (ctx, page, _) = await Open(mediator);
        await using var _ = ctx;

        page.WaitForAssertion(() => Assert.Equal("Tệp không phải văn bản UTF-8.", page.Find("[data-testid=import-problem]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=import-check]"));
    }

    [Fact]
    public async Task A_reviewer_is_told_the_page_is_for_coordinators()
    {
        var mediator = Mediator(Role.Reviewer);
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");

        var page = ctx.Render<ImportsPage>();

        Assert.Contains("Importing reports is for coordinators.", page.Markup);
        Assert.Empty(page.FindAll("#import-file"));
    }
}

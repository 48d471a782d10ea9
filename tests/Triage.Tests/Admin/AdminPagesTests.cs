using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Settings;
using Triage.Client.Taxonomy;
using Triage.Tests.Components;
using Triage.Tests.Support;

namespace Triage.Tests.Admin;

/// <summary>The admin pages over the real use cases: a real mediator and pipeline on a temporary desk.</summary>
public sealed class AdminPagesTests : RealDeskComponentTests
{
    [Fact]
    public async Task A_verdict_without_its_english_label_shows_the_message_in_vietnamese_and_a_complete_one_is_listed_last()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("vi-VN");
        var cut = ctx.Render<TaxonomyPage>();
        cut.WaitForAssertion(() => Assert.Contains("Sai sự thật", cut.Find("[data-testid=terms-verdict]").TextContent));

        var inputs = cut.FindAll("form input");
        inputs[0].Change("satire");
        cut.FindAll("form input")[1].Change("Châm biếm");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Bắt buộc nhập.", cut.Find("form").TextContent));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM taxonomy_terms WHERE code = 'satire'"));

        cut.FindAll("form input")[2].Change("Satire");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("satire", cut.FindAll("[data-testid=terms-verdict] tbody tr")[^1].GetAttribute("data-code")));
        Assert.Contains("Châm biếm", cut.FindAll("[data-testid=terms-verdict] tbody tr")[^1].TextContent);
    }

    [Fact]
    public async Task Moving_a_verdict_down_swaps_it_with_the_next_one()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<TaxonomyPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=terms-verdict] tbody tr")));
        var before = cut.FindAll("[data-testid=terms-verdict] tbody tr").Select(r => r.GetAttribute("data-code")).ToList();

        cut.Find($"button[aria-label='Move {before[0]} down']").Click();

        cut.WaitForAssertion(() => Assert.Equal(before[1], cut.FindAll("[data-testid=terms-verdict] tbody tr")[0].GetAttribute("data-code")));
        Assert.Equal(before[0], await Desk.Scalar<string>("SELECT code FROM taxonomy_terms WHERE kind = 'verdict' AND sort_order = 1"));
    }

    [Fact]
    public async Task Retiring_asks_first_then_shows_the_term_as_retired_and_relabelling_goes_through_the_dialog()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<TaxonomyPage>();
        AngleSharp.Dom.IElement Row(string code) => cut.Find($"[data-testid=terms-verdict] tr[data-code='{code}']");
        cut.WaitForAssertion(() => Assert.Contains("Offered", Row("scam").TextContent));

        Row("scam").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Retire").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Cases that already have it keep it.", dialogs.Markup));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM taxonomy_terms WHERE retired_at IS NOT NULL"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Retire").Click();

        cut.WaitForAssertion(() => Assert.Contains("Retired", Row("scam").TextContent));
        Assert.Contains("Offer again", Row("scam").TextContent);
        Assert.Equal("scam", await Desk.Scalar<string>("SELECT code FROM taxonomy_terms WHERE retired_at IS NOT NULL"));

        Row("scam").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Edit labels").Click();
        var english = dialogs.WaitForElement("form input[value='Scam']");
        english.Change("Fraud");
        await dialogs.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Fraud", Row("scam").TextContent));
        Assert.Equal("Fraud", await Desk.Scalar<string>("SELECT label_en FROM taxonomy_terms WHERE kind = 'verdict' AND code = 'scam'"));
    }

    [Fact]
    public async Task Choosing_a_disarm_file_shows_the_dry_run_and_import_applies_it()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<TaxonomyPage>();
        const string Csv = "disarm_id,name,summary,tactic_id\nT9201,Fake Hotline Numbers,\"Numbers, posted as official\",TA06\n";

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "techniques.csv"));

        cut.WaitForAssertion(() => Assert.Contains("1 to add", cut.Find("[data-testid=disarm-counts]").TextContent));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM disarm_techniques WHERE id = 'T9201'"));
        cut.Find("[data-testid=disarm-import]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Imported: 1 added", cut.Find("[data-testid=disarm-counts]").TextContent));
        Assert.Equal("Fake Hotline Numbers", await Desk.Scalar<string>("SELECT name FROM disarm_techniques WHERE id = 'T9201'"));
    }

    [Fact]
    public async Task The_tokens_page_lists_users_tokens_and_revokes_one_after_asking()
    {
        var issued = await Desk.SendAs("reviewer@demo.local", new Triage.Client.Account.IssueApiToken { Name = "báo cáo tự động" });
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<Triage.Client.Account.TokensPage>();
        cut.WaitForAssertion(() => Assert.Contains("reviewer@demo.local", cut.Find("[data-testid=token-table]").TextContent));
        Assert.DoesNotContain(issued.Token, cut.Markup, StringComparison.Ordinal);

        cut.FindAll("[data-testid=token-table] button").Single(b => b.TextContent.Trim() == "Revoke").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("báo cáo tự động", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        cut.WaitForAssertion(() => Assert.Contains("No tokens.", cut.Markup));
        Assert.True(await Desk.Scalar<bool>("SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = @Id", new { issued.Id }));
    }

    [SqliteFact]
    public async Task Back_up_now_lists_the_new_backup_with_its_size()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.Contains("No backup has been written yet.", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=backup-pg-dump]"));

        cut.Find("[data-testid=backup-now]").Click();

        cut.WaitForAssertion(() => Assert.Contains("triage-20261126T080000Z.db", cut.Find("[data-testid=backup-files]").TextContent));
        Assert.Contains("KB", cut.Find("[data-testid=backup-files]").TextContent);
        Assert.Contains("Scheduled backups are off.", cut.Markup);
    }

    [PostgresFact]
    public async Task On_postgresql_the_backup_panel_points_to_pg_dump_and_offers_no_schedule_or_button()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<SettingsPage>();

        cut.WaitForAssertion(() => Assert.Contains("backed up with pg_dump", cut.Find("[data-testid=backup-pg-dump]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=backup-now]"));
        Assert.Empty(cut.FindAll("[data-testid=backup-interval]"));
        Assert.Empty(cut.FindAll("[data-testid=backup-status]"));
    }
}

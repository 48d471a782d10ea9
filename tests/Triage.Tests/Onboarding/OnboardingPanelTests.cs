using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Onboarding;
using Triage.Client.Units;
using Triage.Tests.Components;
using Triage.Tests.Support;

namespace Triage.Tests.Onboarding;

/// <summary>The import and invite panels over the real use cases: a real mediator and pipeline on a temporary desk.</summary>
public sealed class OnboardingPanelTests : RealDeskComponentTests
{
    /// <summary>The panels' selects open in popovers, which need their provider on the page.</summary>
    private async Task<BunitContext> ContextWithPopoversFor(string email)
    {
        var ctx = await ContextFor(email);
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    [Fact]
    public async Task A_coordinator_checks_a_file_sees_its_bad_rows_imports_the_rest_and_gets_the_links_to_download()
    {
        await using var ctx = await ContextWithPopoversFor("coordinator@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<UserImportPanel>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "email,name,unit\nui-lan@example.org,Lan,D1-C1\nmember@demo.local,Taken,D1-C1\n", "users.csv"));
        cut.WaitForElement("[data-testid=import-check]").Click();

        cut.WaitForAssertion(() => Assert.Equal("1 rows can be imported; 1 rows have errors and will be skipped.", cut.Find("[data-testid=import-summary]").TextContent.Trim()));
        Assert.Contains("member@demo.local is already a user.", cut.Find("[data-testid=import-errors]").TextContent);
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM users WHERE email = 'ui-lan@example.org'"));

        cut.Find("[data-testid=import-commit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("1 users were created", cut.Find("[data-testid=import-created]").TextContent));
        var href = Uri.UnescapeDataString(cut.Find("[data-testid=import-download]").GetAttribute("href")!);
        Assert.StartsWith("data:text/csv", href);
        Assert.Contains("ui-lan@example.org,Lan,D1-C1,http://localhost/account/activate/", href);
        Assert.Equal(1, await Desk.Scalar<long>("SELECT count(*) FROM users WHERE email = 'ui-lan@example.org' AND password_hash IS NULL"));
    }

    [Fact]
    public async Task A_file_in_the_wrong_encoding_shows_how_to_save_it()
    {
        await using var ctx = await ContextWithPopoversFor("coordinator@demo.local");
        ComponentContext.UseCulture("vi-VN");
        var cut = ctx.Render<UserImportPanel>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([.. "email,name,unit\nx@example.org,Nguy"u8, 0xEA, 0xF1, (byte)'\n'], "users.csv"));
        cut.WaitForElement("[data-testid=import-check]").Click();

        cut.WaitForAssertion(() => Assert.Contains("CSV UTF-8", cut.Find("[data-testid=import-file-error]").TextContent));
        Assert.Contains("Tệp không phải văn bản UTF-8", cut.Find("[data-testid=import-file-error]").TextContent);
    }

    [Fact]
    public async Task The_invites_panel_lists_the_links_of_the_subtree_and_revokes_one()
    {
        var unit = await Desk.UnitId("D1-C1");
        await Desk.SendAs("coordinator@demo.local", new CreateInvite { UnitId = unit, Days = 7 });
        await using var ctx = await ContextWithPopoversFor("coordinator@demo.local");
        ComponentContext.UseCulture("en-US");
        var units = await Desk.SendAs("coordinator@demo.local", new ListUnits());
        ComponentContext.UseCulture("en-US");
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<InvitesPanel>(p => p.Add(x => x.Units, units));

        cut.WaitForAssertion(() => Assert.Contains("Hội LHPN xã Phú Thịnh", cut.Find("[data-testid=invite-table]").TextContent));
        Assert.Contains("Active", cut.Find("[data-testid=invite-table]").TextContent);

        cut.Find("[data-testid=invite-revoke]").Click();
        // Revoking asks first (ConfirmAndUndoTests covers the dialog); this test confirms it.
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click());

        cut.WaitForAssertion(() => Assert.Contains("Revoked", cut.Find("[data-testid=invite-table]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=invite-revoke]"));
        Assert.Equal(1, await Desk.Scalar<long>("SELECT count(*) FROM invites WHERE revoked_at IS NOT NULL"));
    }

    [Fact]
    public async Task Creating_an_invite_without_a_unit_shows_the_field_message_and_creates_nothing()
    {
        await using var ctx = await ContextWithPopoversFor("coordinator@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<InvitesPanel>(p => p.Add(x => x.Units, []));
        cut.WaitForAssertion(() => Assert.Contains("No invite links yet.", cut.Markup));

        cut.Find("[data-testid=invite-create]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.Find("[data-testid=invite-errors]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=invite-link]"));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM invites"));
    }
}

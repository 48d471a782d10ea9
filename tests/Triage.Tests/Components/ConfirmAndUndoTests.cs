using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Triage.Client.Onboarding;
using Triage.Client.Queue;
using Triage.Client.Sla;
using Triage.Client.Taxonomy;
using Triage.Client.Units;
using Triage.Client.Users;

namespace Triage.Tests.Components;

/// <summary>
/// Destructive actions over the real use cases: nothing is sent until the dialog is confirmed, and an undo in the
/// toast sends the reverse request.
/// </summary>
public sealed class ConfirmAndUndoTests : RealDeskComponentTests
{
    private sealed record Shell(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Toasts);

    private static Shell ShellOf(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        return new Shell(ctx.Render<MudDialogProvider>(), ctx.Render<MudSnackbarProvider>());
    }

    private static IElement Button<T>(IRenderedComponent<T> within, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        within.FindAll("button").Single(b => b.TextContent.Trim() == text);

    [Fact]
    public async Task Revoking_an_invite_asks_first_naming_the_unit_cancel_keeps_it_and_confirm_revokes_it()
    {
        var unit = await Desk.UnitId("D1-C1");
        await Desk.SendAs("coordinator@demo.local", new CreateInvite { UnitId = unit, Days = 7 });
        var units = await Desk.SendAs("coordinator@demo.local", new ListUnits());
        await using var ctx = await ContextFor("coordinator@demo.local");
        ComponentContext.UseCulture("en-US");
        var shell = ShellOf(ctx);
        var panel = ctx.Render<InvitesPanel>(p => p.Add(x => x.Units, units));
        panel.WaitForElement("[data-testid=invite-revoke]").Click();

        shell.Dialogs.WaitForAssertion(() => Assert.Contains("Revoke the invite link for Hội LHPN xã Phú Thịnh?", shell.Dialogs.Markup));
        Button(shell.Dialogs, "Cancel").Click();

        shell.Dialogs.WaitForAssertion(() => Assert.Empty(shell.Dialogs.FindAll(".mud-dialog")));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM invites WHERE revoked_at IS NOT NULL"));

        panel.Find("[data-testid=invite-revoke]").Click();
        shell.Dialogs.WaitForAssertion(() => Button(shell.Dialogs, "Revoke").Click());

        panel.WaitForAssertion(() => Assert.Contains("Revoked", panel.Find("[data-testid=invite-table]").TextContent));
        Assert.Equal(1, await Desk.Scalar<long>("SELECT count(*) FROM invites WHERE revoked_at IS NOT NULL"));
        shell.Toasts.WaitForAssertion(() => Assert.Contains("Invite link for Hội LHPN xã Phú Thịnh revoked.", shell.Toasts.Markup));
    }

    [Fact]
    public async Task Deleting_an_sla_policy_asks_first_cancel_keeps_it_and_confirm_deletes_it()
    {
        var queue = (await Desk.SendAs("coordinator@demo.local", new ListQueues()))[0];
        await Desk.SendAs("coordinator@demo.local", new SetSlaPolicy { QueueId = queue.Id, TriageMinutes = 30, ResponseMinutes = 120 });
        await using var ctx = await ContextFor("coordinator@demo.local");
        ComponentContext.UseCulture("en-US");
        var shell = ShellOf(ctx);
        var editor = ctx.Render<SlaPolicyEditor>();
        IElement Delete() => editor.Find("[data-testid=sla-policies] button[aria-label^='Delete']");
        editor.WaitForAssertion(() => Delete());

        Delete().Click();
        shell.Dialogs.WaitForAssertion(() => Assert.Contains($"in {queue.Name}?", shell.Dialogs.Markup));
        Button(shell.Dialogs, "Cancel").Click();

        shell.Dialogs.WaitForAssertion(() => Assert.Empty(shell.Dialogs.FindAll(".mud-dialog")));
        Assert.Equal(1, await Desk.Scalar<long>("SELECT count(*) FROM sla_policies"));

        Delete().Click();
        shell.Dialogs.WaitForAssertion(() => Button(shell.Dialogs, "Delete").Click());

        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[data-testid=sla-none]")));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM sla_policies"));
    }

    [Fact]
    public async Task Undo_in_the_toast_after_retiring_a_label_offers_it_again()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        var shell = ShellOf(ctx);
        var page = ctx.Render<TaxonomyPage>();
        IElement Row(string code) => page.Find($"[data-testid=terms-verdict] tr[data-code='{code}']");
        page.WaitForAssertion(() => Assert.Contains("Offered", Row("scam").TextContent));
        Row("scam").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Retire").Click();
        shell.Dialogs.WaitForAssertion(() => Button(shell.Dialogs, "Retire").Click());
        page.WaitForAssertion(() => Assert.Contains("Retired", Row("scam").TextContent));
        Assert.Equal(1, await Desk.Scalar<long>("SELECT count(*) FROM taxonomy_terms WHERE code = 'scam' AND retired_at IS NOT NULL"));

        shell.Toasts.WaitForAssertion(() => Assert.Contains("scam is no longer offered.", shell.Toasts.Markup));
        Button(shell.Toasts, "Undo").Click();

        page.WaitForAssertion(() => Assert.Contains("Offered", Row("scam").TextContent));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM taxonomy_terms WHERE code = 'scam' AND retired_at IS NOT NULL"));
        shell.Toasts.WaitForAssertion(() => Assert.Contains("scam is offered again.", shell.Toasts.Markup));
    }

    [Fact]
    public async Task Undo_in_the_toast_after_disabling_a_user_enables_the_account_again()
    {
        var member = (await Desk.SendAs("admin@demo.local", new ListUsers(Search: "member@demo.local"))).Items.Single();
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        var popovers = ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var toasts = ctx.Render<MudSnackbarProvider>();
        var actions = ctx.Render<UserActions>(p => p.Add(a => a.User, member).Add(a => a.Admin, true));

        actions.Find("button").Click();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Disable account").Click());
        dialogs.WaitForAssertion(() => Button(dialogs, "Disable account").Click());

        toasts.WaitForAssertion(() => Assert.Contains($"{member.Name} is disabled.", toasts.Markup));
        Assert.Equal(1, await Desk.Scalar<long>("SELECT count(*) FROM users WHERE id = @id AND disabled_at IS NOT NULL", new { id = member.Id }));
        Button(toasts, "Undo").Click();

        // The toast that says so comes after the reverse request has answered.
        toasts.WaitForAssertion(() => Assert.Contains($"{member.Name} is enabled.", toasts.Markup));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM users WHERE id = @id AND disabled_at IS NOT NULL", new { id = member.Id }));
    }
}

using Bunit;
using Triage.Client.TwoFactor;
using Triage.Tests.TwoFactor;

namespace Triage.Tests.Components;

/// <summary>The profile's two-factor panel over the real use cases, codes computed at the desk's fake time.</summary>
public sealed class TwoFactorPanelTests : RealDeskComponentTests
{
    private static byte[] ShownSecret(IRenderedComponent<TwoFactorPanel> cut) =>
        TwoFactorCodes.FromDisplayedKey(cut.Find("[data-testid=two-factor-key]").TextContent.Trim());

    [Fact]
    public async Task A_refused_code_is_explained_under_the_field_and_nothing_is_turned_on()
    {
        await using var ctx = await ContextFor("reviewer@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<TwoFactorPanel>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-begin]"));
        await cut.Find("[data-testid=two-factor-begin]").ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-key]"));

        cut.Find("input[data-testid=enable-code]").Change(TwoFactorCodes.At(ShownSecret(cut), Desk.Clock.GetUtcNow().AddMinutes(5)));
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("That code is not correct", cut.Markup));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM user_two_factor WHERE enabled_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_right_code_shows_ten_recovery_codes_once_then_the_panel_says_it_is_on()
    {
        await using var ctx = await ContextFor("reviewer@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<TwoFactorPanel>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-begin]"));
        await cut.Find("[data-testid=two-factor-begin]").ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-key]"));

        cut.Find("input[data-testid=enable-code]").Change(TwoFactorCodes.At(ShownSecret(cut), Desk.Clock.GetUtcNow()));
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal(10,
            cut.Find("[data-testid=recovery-codes]").TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
        await cut.Find("[data-testid=recovery-codes-done]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("Recovery codes left: 10.", cut.Find("[data-testid=two-factor-on]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=recovery-codes]"));
    }
}

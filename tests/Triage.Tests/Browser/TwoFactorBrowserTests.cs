using Microsoft.Playwright;
using Triage.Tests.Support;
using Triage.Tests.TwoFactor;

namespace Triage.Tests.Browser;

public sealed class TwoFactorBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_user_enrols_from_the_profile_then_signs_out_and_back_in_with_a_code_from_the_app()
    {
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "responder@demo.local");
        await page.GotoAsync("/account/profile");
        await BrowserDesk.WaitInteractive(page);

        await page.ClickAsync("[data-testid=two-factor-begin]");
        var key = await page.InnerTextAsync("[data-testid=two-factor-key]");
        Assert.True(await page.Locator("img[data-testid=two-factor-qr]").IsVisibleAsync());
        var secret = TwoFactorCodes.FromDisplayedKey(key.Trim());
        await page.Locator("[data-testid=enable-code] input, input[data-testid=enable-code]").FillAsync(TwoFactorCodes.At(secret, DateTimeOffset.UtcNow));
        await page.ClickAsync("[data-testid=enable-submit]");
        // A refused code shows under the field instead; the panel's text then says why in the failure.
        await page.Locator("[data-testid=recovery-codes], [data-testid=two-factor-panel] .mud-input-error").First.WaitForAsync();
        Assert.True(await page.Locator("[data-testid=recovery-codes]").IsVisibleAsync(), await page.InnerTextAsync("[data-testid=two-factor-panel]"));
        var codes = (await page.InnerTextAsync("[data-testid=recovery-codes]")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, codes.Length);
        await page.ClickAsync("[data-testid=recovery-codes-done]");
        await page.Locator("[data-testid=two-factor-on]").WaitForAsync();

        await page.ClickAsync("[data-testid=sign-out]");
        await page.Locator("#email").WaitForAsync();
        await page.FillAsync("#email", "responder@demo.local");
        await page.FillAsync("#password", TestDesk.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.Locator("#code").WaitForAsync();
        Assert.Contains("/account/login/two-factor", page.Url);
        // The step after now: the enrolment used up the current one, and one step ahead is within the allowed drift.
        await page.FillAsync("#code", TwoFactorCodes.At(secret, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.ClickAsync("[data-testid=two-factor-submit]");
        await BrowserDesk.WaitInteractive(page);

        Assert.Equal(desk.BaseUrl + "/", page.Url);
        var status = await BrowserDesk.GetJson(page, "/api/v1/me/two-factor");
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.Equal(10, status.GetProperty("recoveryCodesLeft").GetInt32());
        Assert.Empty(desk.PolicyViolations);
        await page.Context.CloseAsync();
    }
}

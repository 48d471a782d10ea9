using Microsoft.Playwright;

namespace Triage.Tests.Browser;

public sealed class ShellBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    public static TheoryData<string, bool> Accounts => new()
    {
        { "admin@demo.local", true },
        { "coordinator@demo.local", false },
        { "reviewer@demo.local", false },
        { "responder@demo.local", false },
        { "member@demo.local", false },
        { "reviewer2@demo.local", false },
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Every_demo_account_signs_in_and_sees_only_its_roles_navigation(string email, bool admin)
    {
        var page = await desk.NewPage();

        await BrowserDesk.SignIn(page, email);

        Assert.Equal(desk.BaseUrl + "/", page.Url);
        Assert.True(await page.Locator("nav a[href='/account/profile']").IsVisibleAsync());
        Assert.Equal(admin ? 1 : 0, await page.Locator("nav a[href='/admin/units']").CountAsync());
        Assert.Equal(admin ? 1 : 0, await page.Locator("nav a[href='/admin/users']").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_shell_speaks_vietnamese_and_switches_to_english_on_request()
    {
        var page = await desk.NewPage("vi-VN");
        await page.GotoAsync("/account/login");
        Assert.Equal("Đăng nhập", (await page.InnerTextAsync("[data-testid=login-submit]")).Trim());

        await BrowserDesk.SignIn(page, "reviewer@demo.local");
        Assert.Contains("Xin chào", await page.InnerTextAsync("h1"));
        Assert.True(await page.GetByText("Đăng xuất").IsVisibleAsync());

        await page.ClickAsync("[data-testid=language-menu] button");
        await page.ClickAsync("[data-testid=lang-en]");
        // The URL is "/" before and after the reload, so wait for the page that speaks English.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await BrowserDesk.WaitInteractive(page);

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Welcome");
        Assert.True(await page.GetByText("Sign out").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_form_with_a_message()
    {
        var page = await desk.NewPage();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "member@demo.local");
        await page.FillAsync("#password", "not it");
        await page.ClickAsync("[data-testid=login-submit]");

        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("not correct");
        Assert.EndsWith("/account/login", page.Url);
        await page.Context.CloseAsync();
    }
}

using System.Text.Json;
using Microsoft.Playwright;
using Triage.Tests.Browser;

namespace Triage.Tests.Onboarding;

public sealed class JoinBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task A_new_person_opens_an_invite_link_registers_and_lands_signed_in_in_their_language()
    {
        var coordinator = await desk.NewPage();
        await BrowserDesk.SignIn(coordinator, "coordinator@demo.local");
        Assert.Equal(1, await coordinator.Locator("nav a[href='/onboarding']").CountAsync());
        var units = await BrowserDesk.GetJson(coordinator, "/api/v1/units");
        var commune = units.GetProperty("items").EnumerateArray().First(u => u.GetProperty("code").GetString() == "D3-C2").GetProperty("id").GetInt64();
        var created = await coordinator.APIRequest.PostAsync("/api/v1/invites", new APIRequestContextOptions
        {
            DataObject = new { unitId = commune, days = 3 }, Headers = await BrowserDesk.AntiforgeryHeader(coordinator),
        });
        Assert.Equal(201, created.Status);
        var link = new Uri(JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("link").GetString()!);
        await coordinator.Context.CloseAsync();

        var page = await desk.NewPage("vi-VN");
        await page.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(page.Locator("[data-testid=join-unit]")).ToContainTextAsync("Hội LHPN phường Trần Phú");
        await page.FillAsync("#name", "Vũ Thị Ngọc");
        await page.FillAsync("#email", "ngoc@example.org");
        await page.FillAsync("#password", "ngoc-password-1");
        await page.FillAsync("#confirm", "ngoc-password-1");
        await page.SelectOptionAsync("#language", "en");
        await page.ClickAsync("[data-testid=join-submit]");
        await BrowserDesk.WaitInteractive(page);

        Assert.Equal(desk.BaseUrl + "/", page.Url);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Welcome");
        var me = await BrowserDesk.GetJson(page, "/api/v1/me");
        Assert.Equal("ngoc@example.org", me.GetProperty("email").GetString());
        Assert.Equal("D3-C2", me.GetProperty("unit").GetProperty("code").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_coordinator_finds_the_onboarding_page_and_the_users_list_without_admin_actions()
    {
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "coordinator@demo.local");

        await page.ClickAsync("nav a[href='/onboarding']");
        await Assertions.Expect(page.Locator("[data-testid=user-import]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=invites]")).ToContainTextAsync("Invite links");

        await page.ClickAsync("[data-testid=users-link]");
        await Assertions.Expect(page.Locator("[data-testid=user-table]")).ToContainTextAsync("member@demo.local");
        Assert.Equal(0, await page.Locator("[data-testid=add-user]").CountAsync());
        await page.Context.CloseAsync();
    }
}

using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Triage.Server.Data;
using Microsoft.Playwright;
using Triage.Tests.Browser;
using Triage.Tests.Support;

namespace Triage.Tests.Audit;

/// <summary>The audit page in Chromium: from the admin menu to a filtered list, then a chain check before and after a hand edit.</summary>
public sealed class AuditBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    [Fact]
    public async Task An_admin_filters_the_log_and_the_chain_check_names_an_event_edited_by_hand()
    {
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "admin@demo.local");

        await page.ClickAsync("nav a[href='/admin/audit']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Audit log");
        await Assertions.Expect(page.Locator("td[data-event]").First).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=audit-action]");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "DemoSeeded" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("td[data-event]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=audit-action-cell]")).ToHaveTextAsync("DemoSeeded");

        await page.ClickAsync("[data-testid=audit-verify]");
        await Assertions.Expect(page.Locator("[data-testid=audit-intact]")).ToContainTextAsync("The chain is intact");

        var edited = await EditDemoSeededByHand();
        await page.ClickAsync("[data-testid=audit-verify]");

        await Assertions.Expect(page.Locator("[data-testid=audit-broken-result]")).ToContainTextAsync($"The chain is broken at event #{edited}.");
        await Assertions.Expect(page.Locator("[data-testid=audit-broken-result]")).ToContainTextAsync("DemoSeeded");
        await Assertions.Expect(page.Locator("tr.audit-broken-row td[data-event]")).ToHaveAttributeAsync("data-event", edited.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("tr.audit-broken-row [data-testid=audit-details]")).ToContainTextAsync("forged: 1");
        await page.Context.CloseAsync();
    }

    private async Task<long> EditDemoSeededByHand()
    {
        await using var connection = await desk.Desk.Services.GetRequiredService<Db>().OpenAsync();
        await connection.ExecuteAsync(TestDatabase.DropTrigger("audit_events_no_update", "audit_events") +
            $"UPDATE audit_events SET data = {TestDatabase.JsonSet("data", "forged", "1")} WHERE action = 'DemoSeeded';");
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM audit_events WHERE action = 'DemoSeeded'");
    }
}

using System.Text.Json;
using Microsoft.Playwright;

namespace Triage.Tests.Browser;

/// <summary>
/// Two people on the same queue: what one does, the other sees without reloading; and a case left waiting
/// past its SLA rises to the parent unit's Inbox on its own, in front of whoever watches that Inbox.
/// </summary>
public sealed class LiveQueueBrowserTests(ClockedBrowserDesk desk) : IClassFixture<ClockedBrowserDesk>
{
    private const string Assigned = "Cuộc đấu tranh giành đất ở xã Tân Phú đã bị dập tắt, hàng trăm người bị bắt trong đêm, báo chí không được đưa tin";
    private const string LeftWaiting = "Tin đồn: uống giấm táo mỗi sáng làm tan sỏi thận chỉ sau một tuần, không cần đi khám bác sĩ";

    private static async Task<long> InboxOf(IPage page, string unitCode)
    {
        var queues = await BrowserDesk.GetJson(page, "/api/v1/queues");
        return queues.GetProperty("items").EnumerateArray()
            .First(q => q.GetProperty("isInbox").GetBoolean() && q.GetProperty("unit").GetProperty("code").GetString() == unitCode)
            .GetProperty("id").GetInt64();
    }

    private static async Task SetTriageDeadline(IPage coordinator, long queueId, int minutes)
    {
        var response = await coordinator.APIRequest.PutAsync($"/api/v1/queues/{queueId}/sla", new APIRequestContextOptions
        {
            DataObject = new { triageMinutes = minutes, responseMinutes = 8 * 60, businessHours = false },
            Headers = await BrowserDesk.AntiforgeryHeader(coordinator),
        });
        Assert.True(response.Ok, $"{response.Status}: {await response.TextAsync()}");
    }

    private static ILocator Row(IPage page, long caseId) =>
        page.Locator("tr").Filter(new() { Has = page.Locator($"[data-case-link='{caseId}']") });

    [Fact]
    public async Task One_reviewer_classifies_and_assigns_while_another_watches_it_change_and_a_breached_case_rises_to_the_parent_unit()
    {
        var coordinator = await desk.NewPage();
        await BrowserDesk.SignIn(coordinator, "coordinator@demo.local");
        await SetTriageDeadline(coordinator, await InboxOf(coordinator, "D1-C1"), minutes: 60);
        var districtInbox = await InboxOf(coordinator, "D1");

        var waiting = await desk.FileReport(LeftWaiting);
        desk.Advance(TimeSpan.FromSeconds(1));
        var worked = await desk.FileReport(Assigned);

        var reviewer = await desk.NewPage();
        await BrowserDesk.SignIn(reviewer, "reviewer@demo.local");
        await reviewer.GotoAsync("/queue?sort=recent");
        await BrowserDesk.WaitInteractive(reviewer);
        await reviewer.Locator("body[data-queue-shortcuts=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await coordinator.GotoAsync("/queue?sort=recent");
        await BrowserDesk.WaitInteractive(coordinator);
        var watched = Row(coordinator, worked);
        await Assertions.Expect(watched.Locator("[data-testid=case-status]")).ToHaveTextAsync("Received");

        // The reviewer works the newest case with the keyboard; the coordinator's page follows without a reload.
        await reviewer.Keyboard.PressAsync("j");
        await Assertions.Expect(reviewer.Locator($"[data-case-link='{worked}']")).ToBeFocusedAsync();
        await reviewer.Keyboard.PressAsync("c");
        await Assertions.Expect(reviewer.Locator("#classify-verdict")).ToBeFocusedAsync();
        await reviewer.Keyboard.TypeAsync("m");
        await reviewer.Keyboard.PressAsync("Tab");
        await reviewer.Keyboard.TypeAsync("h");
        await reviewer.Keyboard.PressAsync("Tab");
        await reviewer.Keyboard.TypeAsync("3");
        await reviewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(watched.Locator("[data-testid=case-verdict]")).ToContainTextAsync("Misleading · Health");
        await Assertions.Expect(watched.Locator("[data-testid=case-status]")).ToHaveTextAsync("Being reviewed");

        await Assertions.Expect(reviewer.Locator($"[data-case-link='{worked}']")).ToBeFocusedAsync();
        await reviewer.Keyboard.PressAsync("a");
        await Assertions.Expect(reviewer.Locator("#assign-email")).ToBeFocusedAsync();
        await reviewer.Keyboard.TypeAsync("responder@demo.local");
        await reviewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(watched.Locator("[data-testid=case-status]")).ToHaveTextAsync("Answer being prepared");
        await Assertions.Expect(watched.Locator("[data-testid=case-assignee]")).ToContainTextAsync("Phạm Thị Lan");

        // Whoever watches the district's Inbox sees the commune's untouched case arrive when its hour runs out.
        await coordinator.GotoAsync($"/queue?queue={districtInbox}");
        await BrowserDesk.WaitInteractive(coordinator);
        await Assertions.Expect(coordinator.Locator("[data-testid=queue-grid]")).ToBeVisibleAsync();
        await Assertions.Expect(coordinator.Locator($"[data-case-link='{waiting}']")).ToHaveCountAsync(0);

        desk.Advance(TimeSpan.FromMinutes(61));

        var arrived = Row(coordinator, waiting);
        await Assertions.Expect(arrived).ToBeVisibleAsync();
        await Assertions.Expect(arrived.Locator("[data-testid=case-status]")).ToHaveTextAsync("Sent to a higher unit");
        var detail = await BrowserDesk.GetJson(coordinator, $"/api/v1/cases/{waiting}");
        Assert.Equal("D1", detail.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal("escalated", detail.GetProperty("status").GetString());
        await reviewer.Context.CloseAsync();
        await coordinator.Context.CloseAsync();
    }
}

using System.Text.Json;
using Microsoft.Playwright;
using Triage.Tests.Support;

namespace Triage.Tests.Browser;

public sealed class RespondBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private const string Rumour = "Tin đồn: nước muối sinh lý pha chanh chữa khỏi sốt xuất huyết trong ba ngày, không cần đến bệnh viện";
    private const string LibraryText = "Bộ Y tế khẳng định: sốt xuất huyết không có thuốc đặc trị tại nhà. Khi sốt cao, hãy đến cơ sở y tế gần nhất.";
    private const string PostUrl = "https://www.facebook.com/hoilhpn.tinh/posts/sot-xuat-huyet-su-that";

    private static async Task<JsonElement> Send(IPage page, string method, string path, object body, long? version = null)
    {
        var headers = await BrowserDesk.AntiforgeryHeader(page);
        if (version is { } v) headers["If-Match"] = $"\"{v}\"";
        var response = await page.APIRequest.FetchAsync(path, new APIRequestContextOptions { Method = method, DataObject = body, Headers = headers });
        Assert.True(response.Ok, $"{method} {path}: {response.Status} {await response.TextAsync()}");
        var text = await response.TextAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private static async Task<long> VersionOf(IPage page, long caseId) =>
        (await BrowserDesk.GetJson(page, $"/api/v1/cases/{caseId}")).GetProperty("version").GetInt64();

    /// <summary>The reviewer's part, through the API: the case classified and assigned to the demo responder, and an approved message in the library.</summary>
    private async Task<long> ClassifiedAndAssignedCase()
    {
        var caseId = await desk.FileReport(Rumour);
        var reviewer = await desk.NewPage();
        await BrowserDesk.SignIn(reviewer, "reviewer@demo.local");
        await Send(reviewer, "POST", $"/api/v1/cases/{caseId}/classification", new { verdict = "false", category = "health", severity = 3 }, await VersionOf(reviewer, caseId));
        await Send(reviewer, "POST", $"/api/v1/cases/{caseId}/assignment", new { responderEmail = "responder@demo.local" }, await VersionOf(reviewer, caseId));
        await Send(reviewer, "POST", "/api/v1/library", new
        {
            title = "Sốt xuất huyết: không tự chữa tại nhà", text = LibraryText, language = "vi", category = "health",
            claim = "Nước muối pha chanh chữa sốt xuất huyết", countermeasures = new[] { "C00008" },
        });
        await reviewer.Context.CloseAsync();
        return caseId;
    }

    [Fact]
    public async Task A_responder_starts_from_a_library_message_publishes_and_closes_the_case_and_the_reporter_sees_the_link()
    {
        var caseId = await ClassifiedAndAssignedCase();
        var page = await desk.NewPage();
        await BrowserDesk.SignIn(page, "responder@demo.local");
        await page.GotoAsync($"/cases/{caseId}");
        await BrowserDesk.WaitInteractive(page);

        // From the case to the library, searched without accents, and one click starts the draft.
        await page.ClickAsync("[data-testid=respond-library]");
        await Assertions.Expect(page.Locator("[data-testid=library-for-case]")).ToContainTextAsync($"#{caseId}");
        await page.Locator("input[data-testid=library-q]").FillAsync("sot xuat huyet");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=library-use]").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/cases/{caseId}/respond?response=", StringComparison.Ordinal), BrowserDesk.SameDocument);
        await BrowserDesk.WaitInteractive(page);
        var text = page.Locator("textarea[data-testid=response-text]");
        await Assertions.Expect(text).ToHaveValueAsync(LibraryText);
        await Assertions.Expect(page.Locator("[data-testid=response-preview-text]")).ToHaveTextAsync(LibraryText);

        // The responder adds the fact at the end; the preview follows as typed and the draft is saved.
        await text.FocusAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" Gọi 115 khi cần.");
        await Assertions.Expect(page.Locator("[data-testid=response-preview-text]")).ToContainTextAsync("Gọi 115 khi cần.");
        await Assertions.Expect(page.Locator("[data-testid=response-saved]")).ToContainTextAsync("Draft saved");

        await page.Locator("input[data-testid=publish-url]").FillAsync(PostUrl);
        await page.ClickAsync("[data-testid=publish-submit]");
        await page.WaitForURLAsync(url => url.Contains($"/cases/{caseId}", StringComparison.Ordinal) && !url.Contains("respond", StringComparison.Ordinal), BrowserDesk.SameDocument);
        await BrowserDesk.WaitInteractive(page);
        await Assertions.Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync("Answered");
        await Assertions.Expect(page.Locator("[data-testid=response-published-url]")).ToHaveTextAsync(PostUrl);
        // One draft, started once: the prerendered answer does not start a second one.
        await Assertions.Expect(page.Locator("[data-testid=response-card-text]")).ToHaveTextAsync(LibraryText + " Gọi 115 khi cần.");

        // A published debunk of a classified case is offered as schema.org ClaimReview.
        var claimReview = page.Locator($"[data-claimreview-download='{caseId}']");
        await Assertions.Expect(claimReview).ToHaveAttributeAsync("download", $"case-{caseId}-claimreview.jsonld");
        var document = await BrowserDesk.GetJson(page, (await claimReview.GetAttributeAsync("href"))!);
        Assert.Equal(PostUrl, document.GetProperty("url").GetString());

        // Closing asks for the outcome; a responded case offers its assigned responder exactly that.
        await page.ClickAsync("[data-testid=action-close]");
        await Assertions.Expect(page.Locator("input[data-testid=close-outcome]")).ToHaveValueAsync("Answered");
        await page.ClickAsync("[data-testid=close-submit]");
        await Assertions.Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync("Closed");
        Assert.Equal("closed", (await BrowserDesk.GetJson(page, $"/api/v1/cases/{caseId}")).GetProperty("status").GetString());
        await page.Context.CloseAsync();

        // The member who reported the post sees the answer's link in My reports.
        var member = await desk.NewPage();
        await BrowserDesk.SignIn(member, "member@demo.local");
        await member.GotoAsync("/reports/mine");
        var card = member.Locator("[data-testid=my-report]").Filter(new() { HasText = "nước muối sinh lý pha chanh" });
        await Assertions.Expect(card.Locator("[data-testid=report-counter-message]")).ToHaveAttributeAsync("href", PostUrl);
        await Assertions.Expect(card.Locator("[data-testid=report-verdict]")).ToContainTextAsync("False");
        await member.Context.CloseAsync();
    }
}

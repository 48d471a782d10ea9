using System.Text.Json;
using Microsoft.Playwright;
using Triage.Tests.Browser;
using static Triage.Tests.Security.HostilePayloads;

namespace Triage.Tests.Security;

/// <summary>
/// The pages show hostile text as text: no dialog opens, no element of the payload's making exists in the DOM,
/// the browser never had to refuse an injected script under the CSP, and the characters are there to read.
/// </summary>
public sealed class HostileInputBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private sealed class Watched(IPage page)
    {
        public IPage Page { get; } = page;
        public List<string> Dialogs { get; } = [];
    }

    private async Task<Watched> SignedIn(string email)
    {
        var page = await desk.NewPage();
        var watched = new Watched(page);
        page.Dialog += async (_, dialog) =>
        {
            watched.Dialogs.Add($"{page.Url}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        await BrowserDesk.SignIn(page, email);
        return watched;
    }

    private static async Task<IAPIResponse> Send(IPage page, string method, string path, object body, string? ifMatch = null)
    {
        var headers = await BrowserDesk.AntiforgeryHeader(page);
        if (ifMatch is not null) headers["If-Match"] = ifMatch;
        var response = await page.APIRequest.FetchAsync(path, new APIRequestContextOptions { Method = method, DataObject = body, Headers = headers });
        Assert.True(response.Ok, $"{method} {path}: {response.Status} {await response.TextAsync()}");
        return response;
    }

    /// <summary>Opens <paramref name="path"/> and checks it once <paramref name="visible"/> is on screen as text.</summary>
    private async Task AssertInert(Watched watched, string path, params string[] visible)
    {
        var page = watched.Page;
        await page.GotoAsync(path);
        await BrowserDesk.WaitInteractive(page);
        foreach (var text in visible)
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync(text);
        Assert.Equal(0, await page.Locator($"[{MarkerAttribute}]").CountAsync());
        Assert.Empty(watched.Dialogs);
        Assert.Empty(desk.PolicyViolations);
    }

    [Fact]
    public async Task Report_text_notes_comments_and_counter_messages_show_as_text_on_every_page_that_shows_them()
    {
        var member = await SignedIn("member@demo.local");
        var filed = await Send(member.Page, "POST", "/api/v1/reports", new { text = Text, note = Text });
        var caseId = JsonDocument.Parse(await filed.TextAsync()).RootElement.GetProperty("caseId").GetInt64();
        var reviewer = await SignedIn("reviewer@demo.local");
        await Send(reviewer.Page, "POST", $"/api/v1/cases/{caseId}/comments", new { text = Text });
        var version = (await BrowserDesk.GetJson(reviewer.Page, $"/api/v1/cases/{caseId}")).GetProperty("version").GetInt64();
        var classified = await Send(reviewer.Page, "POST", $"/api/v1/cases/{caseId}/classification",
            new { verdict = "false", category = "health", severity = 2, note = Text }, $"\"{version}\"");
        await Send(reviewer.Page, "POST", $"/api/v1/cases/{caseId}/assignment", new { responderEmail = "responder@demo.local" }, classified.Headers["etag"]);
        var responder = await SignedIn("responder@demo.local");
        await Send(responder.Page, "POST", $"/api/v1/cases/{caseId}/responses",
            new { kind = "debunk", channel = "facebook", language = "vi", text = Text, fact = Text, myth = Text });

        await AssertInert(member, "/reports/mine", Img, Svg);
        await AssertInert(reviewer, $"/cases/{caseId}", Img, Svg, Script, Template, Sql, JavaScriptUrl, Formula);
        await AssertInert(reviewer, "/queue", Img, Svg);
        await AssertInert(responder, $"/cases/{caseId}/respond", Img, Svg, Script, Formula);
        await AssertInert(responder, "/work", Img, Svg);
    }

    [Fact]
    public async Task Unit_and_user_names_show_as_text_on_the_admin_pages()
    {
        var admin = await SignedIn("admin@demo.local");
        var units = await BrowserDesk.GetJson(admin.Page, "/api/v1/units");
        var top = units.GetProperty("items").EnumerateArray().First(u => u.GetProperty("code").GetString() == "P").GetProperty("id").GetInt64();
        await Send(admin.Page, "POST", $"/api/v1/units/{top}/name", new { name = Name });
        await Send(admin.Page, "POST", "/api/v1/users", new { email = "hostile-browser@example.org", name = Name, roles = new[] { "member" }, unitId = top });

        await AssertInert(admin, "/admin/units", Img, Svg, Template, Sql);
        await AssertInert(admin, "/admin/users", Img, Svg, Template, Sql);
    }
}

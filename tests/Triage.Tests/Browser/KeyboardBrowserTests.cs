using System.Text.Json;
using Microsoft.Playwright;

namespace Triage.Tests.Browser;

/// <summary>
/// The pages work from a keyboard alone: Tab reaches every control in order, each shows a visible focus ring when it
/// has focus, focus is never trapped, and a refused form says what is wrong where a screen reader announces it.
/// </summary>
public sealed class KeyboardBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    private const int MaxTabStops = 60;

    /// <summary>Presses of Tab that may stay on one control: a date-time field has up to five segments.</summary>
    private const int SegmentsOfOneControl = 5;

    public static TheoryData<string, string> PagesByRole => new()
    {
        { "member@demo.local", "/" },
        { "member@demo.local", "/reports/new" },
        { "member@demo.local", "/reports/mine" },
        { "member@demo.local", "/account/profile" },
        { "reviewer@demo.local", "/queue" },
        { "reviewer@demo.local", "/cases/{case}" },
        { "responder@demo.local", "/work" },
        { "responder@demo.local", "/cases/{case}/respond" },
        { "coordinator@demo.local", "/dashboard" },
        { "coordinator@demo.local", "/routing" },
        { "admin@demo.local", "/admin/users" },
        { "admin@demo.local", "/admin/settings" },
    };

    [Theory]
    [MemberData(nameof(PagesByRole))]
    public async Task Every_tab_stop_shows_a_focus_ring_and_focus_moves_on(string email, string path)
    {
        var caseId = path.Contains("{case}", StringComparison.Ordinal) ? await desk.FileReport($"Tin đồn kiểm tra bàn phím {email}: tỏi chữa ung thư") : 0;
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, email);
        await PhonePages.Visit(page, path.Replace("{case}", caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var stops = new List<TabStop>();
        var samePresses = 0;
        for (var i = 0; i < MaxTabStops && samePresses <= SegmentsOfOneControl; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var stop = await FocusedStop(page);
            if (stop is null) continue;
            // A date field takes one Tab per segment (day, month, year) before moving on.
            if (stops.Count > 0 && stops[^1].Path == stop.Path) { samePresses++; continue; }
            samePresses = 0;
            if (stops.Count > 1 && stops[0].Path == stop.Path) break; // round the page once
            stops.Add(stop);
        }

        Assert.True(samePresses <= SegmentsOfOneControl, $"{path}: Tab is trapped on {stops[^1].Name}");
        Assert.True(stops.Count >= 3, $"{path}: Tab reached only " + string.Join(" | ", stops.Select(s => s.Name)));
        var unringed = stops.Where(s => !s.Ringed).Select(s => s.Name).Distinct().ToList();
        Assert.True(unringed.Count == 0, $"{path}: focus is invisible on " + string.Join(" | ", unringed));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_report_is_filed_with_the_keyboard_alone_and_its_errors_are_announced()
    {
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, "member@demo.local");
        await page.GotoAsync("/reports/new");

        await page.FocusAsync("#url");
        await page.Keyboard.TypeAsync("không phải đường link");
        await page.Keyboard.PressAsync("Enter");

        var error = page.Locator("#url-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        Assert.Equal("alert", await error.GetAttributeAsync("role"));
        Assert.Equal("true", await page.GetAttributeAsync("#url", "aria-invalid"));
        Assert.Contains("url-error", await page.GetAttributeAsync("#url", "aria-describedby") ?? "", StringComparison.Ordinal);
        // The refused page is visible while its script is still arriving; the script moves focus, then marks the form ready.
        await Assertions.Expect(page.Locator("[data-report-form][data-ready=true]")).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#url")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("https://www.facebook.com/groups/123/posts/456");
        await page.Keyboard.PressAsync("Tab"); // platform
        await page.Keyboard.PressAsync("Tab"); // text
        await page.Keyboard.TypeAsync("Bài đăng bảo uống nước muối chữa khỏi cúm");
        await page.FocusAsync("[data-testid=report-submit]");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/reports/mine", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_field_in_a_desk_form_is_marked_invalid_and_described_by_its_message()
    {
        var page = await desk.NewPage("vi-VN");
        await BrowserDesk.SignIn(page, "member@demo.local");
        await page.GotoAsync("/account/profile");
        await BrowserDesk.WaitInteractive(page);

        var form = page.GetByTestId("change-password");
        await form.GetByLabel("Mật khẩu hiện tại").FillAsync("not the password");
        await form.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("Mot-Mat-Khau-Moi-2026");
        await form.GetByLabel("Nhập lại mật khẩu mới").FillAsync("Mot-Mat-Khau-Moi-2026");
        await form.GetByLabel("Nhập lại mật khẩu mới").PressAsync("Enter");

        var current = form.GetByLabel("Mật khẩu hiện tại");
        await Assertions.Expect(current).ToHaveAttributeAsync("aria-invalid", "true");
        var described = await current.GetAttributeAsync("aria-describedby") ?? "";
        Assert.False(string.IsNullOrWhiteSpace(described), "the refused field names no description");
        var message = await page.EvaluateAsync<string>("ids => ids.split(' ').map(id => document.getElementById(id)?.textContent ?? '').join(' ')", described);
        Assert.False(string.IsNullOrWhiteSpace(message), $"aria-describedby '{described}' points at no text");
        await page.Context.CloseAsync();
    }

    private sealed record TabStop(string Path, string Name, bool Ringed);

    /// <summary>
    /// The focused element and whether a focus ring is drawn: an outline of at least 2 px on it, or (for a control
    /// whose own box is hidden, such as MudBlazor's checkbox input) on one of its near ancestors.
    /// </summary>
    private static async Task<TabStop?> FocusedStop(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement?>("""
            () => {
              const el = document.activeElement;
              if (!el || el === document.body || el === document.documentElement) return null;
              // Not a Tab stop: the router moves focus to the heading once a page has rendered, whenever that is.
              if (el.tabIndex < 0) return null;
              const path = []; for (let e = el; e && e !== document.body; e = e.parentElement) path.unshift(e.tagName + ':' + Array.prototype.indexOf.call(e.parentElement?.children ?? [], e));
              const ringed = e => { const s = getComputedStyle(e); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; };
              let shown = false;
              for (let e = el, i = 0; e && i < 4 && !shown; e = e.parentElement, i++) shown = ringed(e);
              const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('name') || '').trim().slice(0, 40);
              return { path: path.join('/'), name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').slice(0, 2).join('.') : '') + ' "' + label + '"', ringed: shown };
            }
            """);
        if (json is not { ValueKind: JsonValueKind.Object } stop) return null;
        return new TabStop(stop.GetProperty("path").GetString()!, stop.GetProperty("name").GetString()!, stop.GetProperty("ringed").GetBoolean());
    }
}

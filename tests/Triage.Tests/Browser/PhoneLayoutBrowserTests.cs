using Microsoft.Playwright;

namespace Triage.Tests.Browser;

/// <summary>
/// The member's pages and the responder's workspace on a 360 × 740 touch screen, in both languages (Vietnamese
/// labels are the longer ones): nothing scrolls sideways, and every target a finger has to hit is at least
/// 44 × 44 CSS px (WCAG 2.5.5), with the exceptions WCAG allows written out in <see cref="PhonePages.Targets"/>.
/// </summary>
public sealed class PhoneLayoutBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    public static TheoryData<string> Locales => new() { "vi-VN", "en-US" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task A_members_pages_fit_a_phone_and_every_target_takes_a_finger(string locale)
    {
        // A member reaches /onboarding too (it tells them it is not for them), so it has to fit as well.
        await Check(locale, "member@demo.local", ["/", "/reports/new", "/reports/mine", "/account/profile", "/onboarding"]);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task A_responders_workspace_fits_a_phone_and_every_target_takes_a_finger(string locale)
    {
        var caseId = await PhonePages.CaseAssignedToResponder(desk,
            $"Tin đồn ({locale}): uống nước lá ổi đun sôi mỗi ngày chữa khỏi bệnh tiểu đường, không cần dùng thuốc của bác sĩ");
        await Check(locale, "responder@demo.local", ["/", "/work", "/queue", "/library", $"/cases/{caseId}", $"/cases/{caseId}/respond", "/account/profile"]);
    }

    private async Task Check(string locale, string email, string[] paths)
    {
        var page = await PhonePages.Open(desk, locale, PhonePages.PhoneWidth, PhonePages.PhoneHeight, phone: true);
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add($"{page.Url}: {error}");
        await BrowserDesk.SignIn(page, email);
        var problems = new List<string>();
        foreach (var path in paths)
        {
            await PhonePages.Visit(page, path);
            if (await PhonePages.Problem(page) is { } broken) problems.Add($"{path}: {broken}");
            problems.AddRange((await PhonePages.Measure(page)).Select(p => $"{path}: {p}"));
            if (path == "/" && await page.Locator("[data-interactive]").CountAsync() > 0)
            {
                // The navigation drawer is closed on a phone; its links are targets once it opens.
                const string drawerOpen = """
                    () => { const a = document.querySelector(".mud-drawer a[href='/account/profile']");
                            const r = a && a.getBoundingClientRect();
                            return !!r && r.width > 0 && r.left >= 0 && document.getAnimations().every(x => x.playState !== 'running' || x.effect.getTiming().iterations === Infinity); }
                    """;
                // The layout starts with the drawer open; MudBlazor closes it for a narrow screen once the circuit is up,
                // and a tap on the menu button before that would close it rather than open it.
                await page.Locator(".mud-drawer.mud-drawer--closed").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.Locator("header button.mud-icon-button").First.ClickAsync();
                await page.WaitForFunctionAsync(drawerOpen);
                problems.AddRange((await PhonePages.Measure(page)).Select(p => $"{path} (menu open): {p}"));
            }
        }
        problems.AddRange(pageErrors);
        Assert.True(problems.Count == 0, $"{email} in {locale} at {PhonePages.PhoneWidth}×{PhonePages.PhoneHeight}:\n" + string.Join("\n", problems.Distinct()));
        await page.Context.CloseAsync();
    }
}

using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Triage.Server.Data;

namespace Triage.Tests.Browser;

/// <summary>What the phone layout and screenshot tests share: a context at a given size, a page waited on until it has settled, a case to open.</summary>
internal static class PhonePages
{
    public const int PhoneWidth = 360;
    public const int PhoneHeight = 740;

    /// <summary>A signed-out page in its own context; a phone is a touch screen at twice the pixel density.</summary>
    public static async Task<IPage> Open(BrowserDesk desk, string locale, int width, int height, bool phone)
    {
        var context = await desk.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = desk.BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone, HasTouch = phone, DeviceScaleFactor = phone ? 2 : 1,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Opens a page and waits until the circuit is up (on pages that have one) and nothing is loading any more,
    /// so what is measured, photographed or checked is the page a reader gets to use.
    /// </summary>
    public static async Task Visit(IPage page, string path)
    {
        // Not Playwright's network-idle: it once never came within 30 s on a loaded machine although the page was
        // ready (the circuit's traffic is not what a reader waits for). The circuit and the page's own indicators say so.
        await page.GotoAsync(path);
        if (await page.Locator("[data-interactive]").CountAsync() > 0)
            await BrowserDesk.WaitInteractive(page);
        await page.WaitForFunctionAsync(
            """
            () => !document.querySelector('.mud-progress-linear, .mud-progress-circular, .mud-skeleton')
                && document.fonts.status === 'loaded'
                && document.getAnimations().every(a => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)
            """,
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
    }

    /// <summary>What a reader would see as a broken page: Blazor's error bar or the layout's problem panel.</summary>
    public static Task<string?> Problem(IPage page) => page.EvaluateAsync<string?>("""
        () => {
            const bar = document.getElementById('blazor-error-ui');
            if (bar && getComputedStyle(bar).display !== 'none') return 'Blazor error UI: ' + bar.innerText.trim();
            const problem = document.querySelector('[data-testid=page-problem]');
            return problem ? 'Problem panel (' + problem.dataset.problem + '): ' + problem.innerText.trim().replace(/\s+/g, ' ') : null;
        }
        """);

    /// <summary>A member's report in the demo district, classified and assigned to the demo responder, as a reviewer would leave it.</summary>
    public static async Task<long> CaseAssignedToResponder(BrowserDesk desk, string text)
    {
        var caseId = await desk.FileReport(text);
        await using var connection = await desk.Desk.Services.GetRequiredService<Db>().OpenAsync();
        await connection.ExecuteAsync("""
            UPDATE cases SET status = 'assigned', verdict = 'false', category = 'health', severity = 3,
                classification_note = 'Bộ Y tế đã có thông báo chính thức về tin đồn này.',
                assignee_user_id = (SELECT id FROM users WHERE email = 'responder@demo.local')
            WHERE id = @caseId
            """, new { caseId });
        return caseId;
    }

    /// <summary>Both measures of <see cref="Overflow"/> and <see cref="Targets"/> on the page as laid out now.</summary>
    public static async Task<IReadOnlyList<string>> Measure(IPage page) =>
        [.. await page.EvaluateAsync<string[]>(Overflow), .. await page.EvaluateAsync<string[]>(Targets)];

    /// <summary>Names an element in a failure message: tag, id, test id, first classes, and its label or text.</summary>
    private const string Describe = """
        const describe = el => {
            const text = (el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('placeholder')
                || el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 50);
            const id = el.id ? '#' + el.id : '';
            const testid = el.dataset && el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
            const cls = typeof el.className === 'string' && el.className.trim()
                ? '.' + el.className.trim().split(/\s+/).slice(0, 3).join('.') : '';
            return `<${el.tagName.toLowerCase()}${id}${testid}${cls}> "${text}"`;
        };
        """;

    /// <summary>
    /// What makes the page wider than the screen (the outermost element past its right edge, not each of its children),
    /// and any box inside the page that scrolls sideways: a table in a scrolling box is as hard to read on a phone as a page that scrolls.
    /// </summary>
    public const string Overflow = "() => {" + Describe + """
            const W = window.innerWidth;
            const problems = [];
            // Cut off by a box that ends on screen: whatever sticks out of it is not seen, and does not widen the page.
            const clipped = el => {
                for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
                    if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= W + 0.5) return true;
                return false;
            };
            if (document.documentElement.scrollWidth > W) {
                problems.push(`the page is ${document.documentElement.scrollWidth} px wide on a ${W} px screen`);
                for (const el of document.body.querySelectorAll('*')) {
                    const r = el.getBoundingClientRect();
                    if (r.width === 0 || r.right <= W + 0.5 || clipped(el)) continue;
                    if (el.parentElement.getBoundingClientRect().right > W + 0.5) continue;
                    problems.push(`overflows the screen: ${describe(el)} right=${Math.round(r.right)} width=${Math.round(r.width)}`);
                }
                if (problems.length === 1) {
                    // Nothing unclipped sticks out (an absolutely placed child escapes its clipping box): name the widest reaching ones.
                    const far = [...document.body.querySelectorAll('*')].map(el => [el, el.getBoundingClientRect().right])
                        .filter(([, right]) => right > W + 0.5).sort((a, b) => b[1] - a[1]).slice(0, 5);
                    for (const [el, right] of far) problems.push(`reaches past the screen: ${describe(el)} right=${Math.round(right)}`);
                }
            }
            for (const el of document.body.querySelectorAll('*')) {
                if (el.matches('input, textarea, select')) continue;
                const o = getComputedStyle(el).overflowX;
                if ((o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1 && el.getBoundingClientRect().width > 0)
                    problems.push(`scrolls sideways inside the page: ${describe(el)} content ${el.scrollWidth} px in ${el.clientWidth} px`);
            }
            return problems;
        }
        """;

    /// <summary>
    /// Targets smaller than 44 × 44 CSS px, with WCAG 2.5.5's exceptions made explicit:
    /// inline — a link inside a sentence of running text is as tall as the line it sits in;
    /// a checkbox, radio or switch is measured as the label that wraps it, since a tap on the label toggles it;
    /// a text field is measured as its whole outlined or underlined box (MudBlazor's .mud-input), which a tap focuses;
    /// not a target — under aria-hidden or inert, invisible, off screen (a closed drawer), or 1 px (a skip link at rest).
    /// </summary>
    public const string Targets = "() => {" + Describe + """
            const W = window.innerWidth;
            const problems = [];
            const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], '
                + '[role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem], [role=option]';
            const measured = new Set();
            for (const el of document.querySelectorAll(selector)) {
                if (el.closest('[aria-hidden=true], [inert]')) continue;
                let target = el;
                const label = el.closest('label');
                if (label && label.querySelector('input[type=checkbox], input[type=radio]')) target = label;
                else if (el.matches('input, textarea') && el.closest('.mud-input')) target = el.closest('.mud-input');
                if (measured.has(target)) continue;
                measured.add(target);
                const style = getComputedStyle(target);
                if (style.visibility !== 'visible' || style.display === 'none') continue;
                const r = target.getBoundingClientRect();
                if (r.width <= 1 || r.height <= 1 || r.right <= 0 || r.left >= W) continue;
                if (Math.round(r.width) >= 44 && Math.round(r.height) >= 44) continue;
                if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
                    let block = el.parentElement;
                    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
                    const around = (block ? block.innerText : '').replace(el.innerText, '').trim();
                    if (around.split(/\s+/).length >= 3) continue;
                }
                const size = `${Math.round(r.width)}×${Math.round(r.height)}`;
                problems.push(`target too small: ${describe(el)}${target !== el ? ' measured as ' + describe(target) : ''} is ${size}`);
            }
            return problems;
        }
        """;
}

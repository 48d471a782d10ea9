using System.Reflection;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;

namespace Triage.Tests.Browser;

/// <summary>
/// axe-core over every page the Client assembly routes (found from its <c>@page</c> directives, not listed by hand),
/// for each role, in both languages: no serious or critical violation.
/// </summary>
/// <remarks>One class per role: xunit runs classes side by side, and one class walking all five roles was the
/// suite's longest pole by minutes.</remarks>
public abstract partial class AccessibilityBrowserTests(BrowserDesk desk, string email)
{

    /// <summary>Every routed page's template, its parameters filled in the test.</summary>
    internal static IReadOnlyList<string> RouteTemplates() =>
        typeof(Client.Routes).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    [Theory]
    [InlineData("vi-VN")]
    [InlineData("en-US")]
    public async Task Every_page_has_no_serious_or_critical_axe_violation(string locale)
    {
        var caseId = await desk.FileReport($"Tin đồn kiểm tra trợ năng {email} {locale}: uống nước muối chữa cúm");
        var page = await desk.NewPage(locale);
        await BrowserDesk.SignIn(page, email);
        var problems = new List<string>();
        foreach (var template in RouteTemplates())
        {
            var path = Parameter().Replace(template, m => m.Groups[1].Value.Equals("token", StringComparison.OrdinalIgnoreCase)
                ? "an-unknown-link" : caseId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await PhonePages.Visit(page, path);
            var results = await page.RunAxe();
            foreach (var violation in results.Violations.Where(v => v.Impact is "serious" or "critical"))
                problems.Add($"{path} → {page.Url}: {violation.Impact} {violation.Id} ({violation.Help}) at " +
                    string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html)));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[a-z]+)?\}")]
    private static partial Regex Parameter();
}

public sealed class MemberAccessibilityBrowserTests(BrowserDesk desk)
    : AccessibilityBrowserTests(desk, "member@demo.local"), IClassFixture<BrowserDesk>;

public sealed class ReviewerAccessibilityBrowserTests(BrowserDesk desk)
    : AccessibilityBrowserTests(desk, "reviewer@demo.local"), IClassFixture<BrowserDesk>;

public sealed class ResponderAccessibilityBrowserTests(BrowserDesk desk)
    : AccessibilityBrowserTests(desk, "responder@demo.local"), IClassFixture<BrowserDesk>;

public sealed class CoordinatorAccessibilityBrowserTests(BrowserDesk desk)
    : AccessibilityBrowserTests(desk, "coordinator@demo.local"), IClassFixture<BrowserDesk>;

public sealed class AdminAccessibilityBrowserTests(BrowserDesk desk)
    : AccessibilityBrowserTests(desk, "admin@demo.local"), IClassFixture<BrowserDesk>;

public sealed class AccessibilityRouteDiscoveryTests
{
    [Fact]
    public void The_pages_are_found_from_the_assembly()
    {
        var templates = AccessibilityBrowserTests.RouteTemplates();
        Assert.Contains("/reports/new", templates);
        Assert.Contains("/cases/{Id:long}", templates);
        Assert.True(templates.Count > 20, string.Join(", ", templates));
    }
}

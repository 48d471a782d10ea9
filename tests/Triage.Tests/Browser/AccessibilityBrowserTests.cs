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
public sealed partial class AccessibilityBrowserTests(BrowserDesk desk) : IClassFixture<BrowserDesk>
{
    public static TheoryData<string, string> RolesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var email in new[] { "member@demo.local", "reviewer@demo.local", "responder@demo.local", "coordinator@demo.local", "admin@demo.local" })
            foreach (var locale in new[] { "vi-VN", "en-US" })
                data.Add(email, locale);
        return data;
    }

    /// <summary>Every routed page's template, its parameters filled in the test.</summary>
    internal static IReadOnlyList<string> RouteTemplates() =>
        typeof(Client.Routes).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Every_page_has_no_serious_or_critical_axe_violation(string email, string locale)
    {
        var caseId = await desk.FileReport($"Tin đồn kiểm tra trợ năng {email} {locale}: uống nước muối chữa cúm");
        var page = await desk.NewPage(locale);
        await BrowserDesk.SignIn(page, email);
        var problems = new List<string>();
        foreach (var template in RouteTemplates())
        {
            var path = Parameter().Replace(template, m => m.Groups[1].Value.Equals("token", StringComparison.OrdinalIgnoreCase)
                ? "an-unknown-link" : caseId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var results = await page.RunAxe();
            foreach (var violation in results.Violations.Where(v => v.Impact is "serious" or "critical"))
                problems.Add($"{path} → {page.Url}: {violation.Impact} {violation.Id} ({violation.Help}) at " +
                    string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html)));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_pages_are_found_from_the_assembly()
    {
        var templates = RouteTemplates();
        Assert.Contains("/reports/new", templates);
        Assert.Contains("/cases/{Id:long}", templates);
        Assert.True(templates.Count > 20, string.Join(", ", templates));
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[a-z]+)?\}")]
    private static partial Regex Parameter();
}

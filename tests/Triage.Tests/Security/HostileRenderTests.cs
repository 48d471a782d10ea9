using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Units;
using Triage.Tests.Components;
using static Triage.Tests.Components.CaseViewData;
using static Triage.Tests.Security.HostilePayloads;

namespace Triage.Tests.Security;

/// <summary>The cheap twin of the browser check: the case page's components render hostile text escaped, wherever it sits.</summary>
public sealed class HostileRenderTests
{
    private static CaseDetail HostileCase() => Case(note: Text) with
    {
        Title = Text,
        Unit = new UnitRef(5, "D1-C1", Name),
        Reports =
        [
            new CaseReport(100, "https://www.facebook.com/groups/1/posts/2?q=" + Uri.EscapeDataString(Svg), "https://facebook.com/groups/1/posts/2", "facebook",
                Text, "health", Text, FirstSeen, [], new Person(7, "member@demo.local", Name)),
        ],
    };

    [Fact]
    public async Task The_case_page_renders_hostile_titles_reports_notes_names_and_comments_as_escaped_text()
    {
        var mediator = Mediator(HostileCase)
            .On<GetCaseActivity, CaseActivity>(_ => new CaseActivity([],
                [new CaseComment(1, CaseId, new Person(9, "reviewer3@demo.local", Name), Text, [], FirstSeen.AddHours(4))]))
            .On<FindSimilarCases, SimilarCasePage>(_ => new SimilarCasePage([new SimilarCase(41, 3.2, Text, CaseStatus.Triaged)]));
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(mediator));
        ComponentContext.UseCulture("en-US");

        var cut = ctx.Render<CaseViewHost>(p => p.Add(h => h.CaseId, CaseId).Add(h => h.Me, Account([Triage.Client.Pipeline.Role.Reviewer])));
        cut.WaitForAssertion(() => Assert.Contains("&lt;script data-hostile=", cut.Markup, StringComparison.Ordinal));

        // Inside a quoted attribute (a tooltip, an aria-label) '<' needs no escaping; what matters is that no element came of it.
        Assert.Empty(cut.FindAll($"[{MarkerAttribute}]"));
        Assert.Empty(cut.FindAll("script, svg[onload], img[onerror], a[href^='javascript:' i]"));
        // Title, report text, report note, classification note and comment, each in full.
        Assert.True(CountOf(cut.Markup, "&lt;img src=x onerror=alert(1) data-hostile=") >= 5, cut.Markup);
    }

    private static int CountOf(string haystack, string needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}

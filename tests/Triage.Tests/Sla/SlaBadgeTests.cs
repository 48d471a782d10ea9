using Bunit;
using MudBlazor;
using Triage.Client.Cases;
using Triage.Client.Queue;
using Triage.Client.Sla;
using Triage.Tests.Components;

namespace Triage.Tests.Sla;

/// <summary>The queue grid's SLA column: the state in words, the due time in the desk's zone as its name.</summary>
public sealed class SlaBadgeTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero); // 16:00 in Hà Nội

    private static IReadOnlyList<CaseSummary> Rows() =>
    [
        QueueMediator.Case(1, "Đã quá hạn") with { Sla = new SlaDue(SlaKind.Triage, Due, SlaState.Breached) },
        QueueMediator.Case(2, "Sắp đến hạn") with { Sla = new SlaDue(SlaKind.Response, Due, SlaState.DueSoon) },
        QueueMediator.Case(3, "Trong hạn") with { Sla = new SlaDue(SlaKind.Triage, Due, SlaState.OnTrack) },
        QueueMediator.Case(4, "Không có hạn"),
    ];

    [Fact]
    public async Task Each_row_says_its_state_in_words_and_names_the_due_time()
    {
        await using var ctx = ComponentContext.Create();
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudPopoverProvider>();

        var grid = ctx.Render<QueueGrid>(p => p.Add(g => g.Items, Rows()));

        var badges = grid.FindAll("[data-testid=sla-badge]");
        Assert.Equal(["Breached", "Due soon", "On track"], badges.Select(b => b.TextContent.Trim()));
        Assert.Equal(["breached", "duesoon", "ontrack"], badges.Select(b => b.GetAttribute("data-sla-state")));
        // ICU puts a narrow no-break space before PM.
        Assert.Matches(@"^Breached\. Triage due 11/26/2026 4:00\sPM$", badges[0].GetAttribute("aria-label"));
        Assert.StartsWith("Due soon. First counter-message due", badges[1].GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_badges_speak_vietnamese_to_a_vietnamese_reader()
    {
        await using var ctx = ComponentContext.Create("vi-VN");
        ComponentContext.UseCulture("vi-VN");
        ctx.Render<MudPopoverProvider>();

        var grid = ctx.Render<QueueGrid>(p => p.Add(g => g.Items, Rows()));

        Assert.Equal(["Quá hạn", "Sắp đến hạn", "Trong hạn"], grid.FindAll("[data-testid=sla-badge]").Select(b => b.TextContent.Trim()));
        Assert.StartsWith("Quá hạn. Hạn Thẩm định: 26/11/2026 16:00", grid.FindAll("[data-testid=sla-badge]")[0].GetAttribute("aria-label"));
    }
}

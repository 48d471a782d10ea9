using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Account;
using Triage.Client.Layout;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Sla;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Sla;

public sealed class UnitLoadPageTests
{
    private static readonly UnitRef P = new(1, "P", "Tỉnh Sơn Hà"), D1 = new(2, "D1", "Huyện Bình Minh"), D2 = new(3, "D2", "Huyện An Lạc");

    private static UnitLoad Load() => new(P, [P], new LoadFigures(1, 0, null),
    [
        new ChildLoad(D1, true, new LoadFigures(7, 2, new WaitingCase(42, "Nước chanh chữa ung thư", DateTimeOffset.UnixEpoch, TimeSpan.FromHours(30)))),
        new ChildLoad(D2, false, new LoadFigures(0, 0, null)),
    ]);

    private static FakeMediator Mediator(Func<SetSlaPolicy, SlaPolicy>? save = null) => new FakeMediator()
        .On<GetUnitLoad, UnitLoad>(_ => Load())
        .On<ListQueues, IReadOnlyList<QueueInfo>>(_ => [new QueueInfo(9, "Inbox", D1, true, AssignmentStrategy.Manual, null, 7)])
        .On<ListSlaPolicies, IReadOnlyList<SlaPolicy>>(_ => [new SlaPolicy(9, null, 60, 240, true)])
        .On<SetSlaPolicy, SlaPolicy>(save ?? (r => new SlaPolicy(r.QueueId, r.Severity, r.TriageMinutes, r.ResponseMinutes, r.BusinessHours)));

    [Fact]
    public async Task Each_child_unit_shows_its_figures_a_way_down_when_it_has_units_and_a_link_to_its_queue_by_due_time()
    {
        var mediator = Mediator();
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<UnitLoadPage>();

        var d1 = page.Find("tr[data-unit=D1]");
        Assert.Equal(["7", "2"], [d1.QuerySelector("[data-testid=load-open]")!.TextContent.Trim(), d1.QuerySelector("[data-testid=load-breached]")!.TextContent.Trim()]);
        Assert.Contains("#42 Nước chanh chữa ung thư", d1.TextContent);
        Assert.Contains("1 d 6 h", d1.TextContent);
        Assert.NotNull(d1.QuerySelector("a[href='/units/load?unit=2']"));
        Assert.NotNull(d1.QuerySelector("a[href='/queue?unit=2&sort=sla']"));
        var d2 = page.Find("tr[data-unit=D2]");
        Assert.Null(d2.QuerySelector("a[href='/units/load?unit=3']"));
        Assert.Contains("Nobody waiting", d2.TextContent);
        Assert.Contains("Tỉnh Sơn Hà itself", page.Find("tr[data-unit=P]").TextContent);
        Assert.Contains("Business hours", page.Find("[data-testid=sla-policies]").TextContent);
    }

    [Fact]
    public async Task A_zero_minute_policy_shows_the_servers_message_under_its_field()
    {
        var mediator = Mediator(_ => throw new ValidationFailedException(new Dictionary<string, string[]>
        {
            ["triageMinutes"] = ["Enter a time of at least 1 minute (at most 525,600 minutes, one year)."],
        }));
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<MediatR.IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<UnitLoadPage>();

        page.Find("#sla-triage").Change("0");
        page.Find("[data-testid=sla-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Enter a time of at least 1 minute", page.Markup));
        Assert.Equal(0, Assert.Single(mediator.SentOf<SetSlaPolicy>()).TriageMinutes);
    }
}

using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Sla;
using Triage.Tests.Cases;
using Triage.Tests.Queue;
using Triage.Tests.Support;

namespace Triage.Tests.Sla;

public sealed class UnitLoadTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_coordinator_sees_per_child_unit_the_open_cases_of_its_subtree_the_breached_ones_and_the_longest_wait()
    {
        await _desk.Policy("D1-C1", triage: 60, response: 240);
        var oldest = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C1", Title: "Chờ lâu nhất", AgeHours: 30));
        await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C1", AgeHours: 2));
        await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1", AgeHours: 50, Status: CaseStatus.Responded));
        await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C2", AgeHours: 70, Status: CaseStatus.Closed));
        await _desk.SeedCase(new QueueDesk.Seed(Unit: "D2-C1", AgeHours: 5));
        await _desk.SeedCase(new QueueDesk.Seed(Unit: "P", AgeHours: 1));
        await _desk.ApplyDues();
        _desk.Clock.Advance(TimeSpan.FromMinutes(61));

        var load = await _desk.SendAs(SlaDesk.Coordinator, new GetUnitLoad());

        Assert.Equal("P", load.Unit.Code);
        Assert.Equal(["P"], load.Trail.Select(u => u.Code));
        Assert.Equal((1, 0), (load.Own.OpenCases, load.Own.Breached));
        var d1 = load.Children.Single(c => c.Unit.Code == "D1");
        Assert.True(d1.HasChildren);
        Assert.Equal((3, 2), (d1.Figures.OpenCases, d1.Figures.Breached));
        Assert.Equal(oldest, d1.Figures.Oldest!.Id);
        Assert.Equal(TimeSpan.FromHours(30) + TimeSpan.FromMinutes(61), d1.Figures.Oldest.Waiting);
        var d2 = load.Children.Single(c => c.Unit.Code == "D2");
        Assert.Equal((1, 0), (d2.Figures.OpenCases, d2.Figures.Breached));
        var d3 = load.Children.Single(c => c.Unit.Code == "D3");
        Assert.Equal((0, 0, null), (d3.Figures.OpenCases, d3.Figures.Breached, d3.Figures.Oldest));

        var down = await _desk.SendAs(SlaDesk.Coordinator, new GetUnitLoad(d1.Unit.Id));
        Assert.Equal(["P", "D1"], down.Trail.Select(u => u.Code));
        Assert.Equal((1, 0), (down.Own.OpenCases, down.Own.Breached));
        Assert.Null(down.Own.Oldest); // responded: open, but nobody is waiting on it
        Assert.Equal((2, 2), (down.Children.Single(c => c.Unit.Code == "D1-C1").Figures.OpenCases, down.Children.Single(c => c.Unit.Code == "D1-C1").Figures.Breached));
        Assert.False(down.Children.Single(c => c.Unit.Code == "D1-C1").HasChildren);
        Assert.Equal(0, down.Children.Single(c => c.Unit.Code == "D1-C2").Figures.OpenCases);
    }

    [Fact]
    public async Task A_unit_outside_the_coordinators_tree_does_not_exist_for_them_and_other_roles_may_not_ask()
    {
        await _desk.AddUser("coord2@demo.local", Role.Coordinator, "D2");

        var d1 = await _desk.UnitId("D1");
        var p = await _desk.UnitId("P");
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coord2@demo.local", new GetUnitLoad(d1)));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coord2@demo.local", new GetUnitLoad(p)));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coord2@demo.local", new GetUnitLoad(987_654)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new GetUnitLoad()));

        var own = await _desk.SendAs("coord2@demo.local", new GetUnitLoad());
        Assert.Equal(["D2"], own.Trail.Select(u => u.Code));
        Assert.Equal(["D2-C1", "D2-C2", "D2-C3"], own.Children.Select(c => c.Unit.Code).Order());
    }
}

using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class UnitTreeTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task The_demo_seed_is_a_province_with_three_districts_and_nine_communes()
    {
        var units = await _desk.SendAs("admin@demo.local", new ListUnits());

        Assert.Equal([1, 3, 9], units.GroupBy(u => u.Depth).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public async Task A_tree_can_grow_deeper_than_three_levels()
    {
        var parent = await _desk.UnitId("D1-C1");
        var hamlet = await _desk.SendAs("admin@demo.local", new AddUnit { ParentId = parent, Code = "D1-C1-H1", Name = "Chi hội ấp 1" });

        var detail = await _desk.SendAs("admin@demo.local", new GetUnit(hamlet.Id));

        Assert.Equal("D1-C1", detail.Parent!.Code);
        Assert.Contains(await _desk.SendAs("reviewer@demo.local", new ListUnits()), u => u.Code == "D1-C1-H1" && u.Depth == 3);
    }

    [Fact]
    public async Task Moving_a_unit_moves_its_subtree_and_its_users_scope()
    {
        var commune = await _desk.UnitId("D1-C1");
        await _desk.SendAs("admin@demo.local", new AddUnit { ParentId = commune, Code = "H1", Name = "Chi hội 1" });

        await _desk.SendAs("admin@demo.local", new MoveUnit { Id = commune, NewParentId = await _desk.UnitId("D2") });

        var district2 = await _desk.SendAs("reviewer2@demo.local", new ListUnits());
        Assert.Contains(district2, u => u.Code == "D1-C1");
        Assert.Contains(district2, u => u.Code == "H1" && u.Depth == 3);
        Assert.DoesNotContain(await _desk.SendAs("reviewer@demo.local", new ListUnits()), u => u.Code == "H1");
    }

    [Fact]
    public async Task A_unit_cannot_move_under_its_own_descendant()
    {
        var district = await _desk.UnitId("D1");
        var commune = await _desk.UnitId("D1-C1");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs("admin@demo.local", new MoveUnit { Id = district, NewParentId = commune }));

        Assert.Contains("newParentId", e.Errors.Keys);
    }

    [Fact]
    public async Task Renaming_keeps_the_code()
    {
        var id = await _desk.UnitId("D3");

        await _desk.SendAs("admin@demo.local", new RenameUnit { Id = id, Name = "Hội LHPN thị xã Hương Giang" });

        var unit = await _desk.SendAs("admin@demo.local", new GetUnit(id));
        Assert.Equal(("D3", "Hội LHPN thị xã Hương Giang"), (unit.Code, unit.Name));
    }

    [Fact]
    public async Task A_duplicate_code_is_a_field_error()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs("admin@demo.local", new AddUnit { ParentId = 1, Code = "d1", Name = "Trùng mã" }));

        Assert.Contains("code", e.Errors.Keys);
    }
}

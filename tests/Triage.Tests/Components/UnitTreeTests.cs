using Triage.Client.Units;

namespace Triage.Tests.Components;

public sealed class UnitTreeOrderTests
{
    private static readonly UnitNode[] Units =
    [
        new(1, null, "P", "Tỉnh", 0, 0),
        new(2, 1, "D2", "Huyện B", 1, 0),
        new(3, 1, "D1", "Huyện A", 1, 0),
        new(4, 3, "C1", "Xã A1", 2, 0),
        new(5, 2, "C2", "Xã B1", 2, 0),
        new(6, 4, "H1", "Ấp", 3, 0),
    ];

    [Fact]
    public void Each_unit_is_followed_by_its_children_and_siblings_go_by_name()
    {
        Assert.Equal(["P", "D1", "C1", "H1", "D2", "C2"], UnitTree.InTreeOrder(Units).Select(u => u.Code));
    }

    [Fact]
    public void A_unit_cannot_be_moved_under_itself_or_its_descendants()
    {
        var targets = UnitTree.MoveTargets(Units, Units[2]).Select(u => u.Code);

        Assert.Equal(["P", "D2", "C2"], targets);
    }

    [Fact]
    public void A_subtree_without_its_parent_starts_at_its_own_top()
    {
        Assert.Equal(["D1", "C1", "H1"], UnitTree.InTreeOrder(Units.Where(u => u.Code is "D1" or "C1" or "H1").ToList()).Select(u => u.Code));
    }
}

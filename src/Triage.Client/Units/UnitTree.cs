namespace Triage.Client.Units;

public static class UnitTree
{
    /// <summary>Depth-first: each unit followed by its children, siblings by name.</summary>
    public static IEnumerable<UnitNode> InTreeOrder(IReadOnlyList<UnitNode> units)
    {
        var ids = units.Select(u => u.Id).ToHashSet();
        var children = units.ToLookup(u => u.ParentId is { } p && ids.Contains(p) ? p : (long?)null);
        return Walk(null);

        IEnumerable<UnitNode> Walk(long? parent)
        {
            foreach (var unit in children[parent].OrderBy(u => u.Name, StringComparer.CurrentCulture))
            {
                yield return unit;
                foreach (var child in Walk(unit.Id)) yield return child;
            }
        }
    }

    /// <summary>Units a unit may move under: not itself, nor anything below it.</summary>
    public static IEnumerable<UnitNode> MoveTargets(IReadOnlyList<UnitNode> units, UnitNode moving)
    {
        var excluded = new HashSet<long> { moving.Id };
        foreach (var unit in InTreeOrder(units))
            if (unit.ParentId is { } p && excluded.Contains(p)) excluded.Add(unit.Id);
        return InTreeOrder(units).Where(u => !excluded.Contains(u.Id));
    }
}

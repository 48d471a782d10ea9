using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Taxonomy;

/// <summary>The DISARM techniques a classification may name (reference data, CC BY-SA 4.0), by ID.</summary>
[AllowSignedIn]
public sealed record ListDisarmTechniques : IRequest<IReadOnlyList<DisarmTechnique>>;

/// <param name="Id">T0002, T0015.001 ...</param>
/// <param name="TacticId">TA02 ...: the stage of an influence operation the technique belongs to.</param>
public sealed record DisarmTechnique(string Id, string Name, string TacticId)
{
    /// <summary>
    /// Techniques whose ID starts with the text ("t0015" finds T0015 and its sub-techniques) or whose name
    /// holds every word of it, ID matches first.
    /// </summary>
    public static IReadOnlyList<DisarmTechnique> Find(IEnumerable<DisarmTechnique> all, string? text, int limit = 8)
    {
        var query = (text ?? "").Trim();
        if (query.Length == 0) return [];
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return all
            .Select(t => (t, rank: t.Id.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? 0
                : words.All(w => t.Name.Contains(w, StringComparison.OrdinalIgnoreCase)) ? 1 : -1))
            .Where(x => x.rank >= 0)
            .OrderBy(x => x.rank).ThenBy(x => x.t.Id, StringComparer.Ordinal)
            .Take(limit).Select(x => x.t).ToList();
    }
}

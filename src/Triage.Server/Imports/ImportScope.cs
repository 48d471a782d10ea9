using Triage.Client.Imports;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.Imports;

/// <summary>Reports may be filed for a unit of the caller's subtree only; another unit answers as if it did not exist (404).</summary>
public sealed class ImportScope(UnitScope units) : IScopeRule<ImportReports>
{
    public Task<bool> InScopeAsync(ImportReports request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);
}

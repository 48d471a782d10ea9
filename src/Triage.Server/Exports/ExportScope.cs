using Triage.Client.Exports;
using Triage.Server.Pipeline;
using Triage.Server.Units;

namespace Triage.Server.Exports;

/// <summary>An export of a unit outside the caller's subtree answers as if the unit did not exist (404); without a unit, the caller's own.</summary>
public sealed class ExportScope(UnitScope units) : IScopeRule<ExportReports>, IScopeRule<ExportCases>, IScopeRule<CountExport>
{
    public Task<bool> InScopeAsync(ExportReports request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);

    public Task<bool> InScopeAsync(ExportCases request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);

    public Task<bool> InScopeAsync(CountExport request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.UnitId, ct);
}

using Dapper;
using MediatR;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Units;
using Triage.Server.Pipeline;

namespace Triage.Server.Units;

/// <summary>Rewrites the path of the unit and every unit below it in one statement.</summary>
public sealed class MoveUnitHandler(IStringLocalizer<Strings> localizer) : CommandHandler<MoveUnit, Unit>
{
    protected override async Task<Unit> Handle(MoveUnit request, Work work, CancellationToken ct)
    {
        work.Subject("unit", request.Id);
        var unit = await work.Connection.QuerySingleAsync<(string Path, long Depth, long? ParentId)>(
            "SELECT path, depth, parent_id FROM org_units WHERE id = @Id", new { request.Id }, work.Transaction);
        var target = await work.Connection.QuerySingleAsync<(string Path, long Depth)>(
            "SELECT path, depth FROM org_units WHERE id = @NewParentId", new { request.NewParentId }, work.Transaction);

        if (unit.ParentId is null || unit.Path == work.Actor.UnitPath)
            throw new ConflictException("Conflict.UnitIsScopeRoot", localizer["Conflict.UnitIsScopeRoot"]);
        if (target.Path.StartsWith(unit.Path, StringComparison.Ordinal))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["newParentId"] = [localizer["Validation.UnitIntoItself"]] });
        if (unit.ParentId == request.NewParentId) return Unit.Value;

        var newPath = $"{target.Path}{request.Id}/";
        await work.Connection.ExecuteAsync("""
            UPDATE org_units
            SET path = @newPath || substr(path, length(@oldPath) + 1),
                depth = depth + @delta,
                parent_id = CASE WHEN id = @Id THEN @NewParentId ELSE parent_id END
            WHERE substr(path, 1, length(@oldPath)) = @oldPath
            """, new { request.Id, request.NewParentId, newPath, oldPath = unit.Path, delta = target.Depth + 1 - unit.Depth }, work.Transaction);
        work.Detail("from", unit.ParentId);
        return Unit.Value;
    }
}

public sealed class MoveUnitScope(UnitScope units) : IScopeRule<MoveUnit>
{
    public async Task<bool> InScopeAsync(MoveUnit request, Actor actor, CancellationToken ct) =>
        await units.CoversAsync(actor, request.Id, ct) && await units.CoversAsync(actor, request.NewParentId, ct);
}

using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Units;
using Triage.Server.Pipeline;

namespace Triage.Server.Units;

public sealed class AddUnitHandler(IStringLocalizer<Strings> localizer) : CommandHandler<AddUnit, UnitRef>
{
    protected override async Task<UnitRef> Handle(AddUnit request, Work work, CancellationToken ct)
    {
        var parent = await work.Connection.QuerySingleAsync<(string Path, long Depth)>(
            "SELECT path, depth FROM org_units WHERE id = @ParentId", new { request.ParentId }, work.Transaction);
        var unit = await InsertAsync(work, request.ParentId, parent.Path, parent.Depth + 1, request.Code.Trim(), request.Name.Trim(), localizer);
        return unit;
    }

    /// <summary>Shared with the seed and the first-admin path of <c>users add</c>, which may create the root.</summary>
    public static async Task<UnitRef> InsertAsync(Work work, long? parentId, string parentPath, long depth, string code, string name,
        IStringLocalizer<Strings> localizer)
    {
        var taken = await work.Connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM org_units WHERE code = @code)", new { code }, work.Transaction);
        if (taken)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["code"] = [localizer["Validation.UnitCodeTaken"]] });
        // Inside the write transaction nobody else can take this id, and the path needs it up front.
        var id = await work.Connection.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) + 1 FROM org_units", transaction: work.Transaction);
        await work.Connection.ExecuteAsync("""
            INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at)
            VALUES (@id, @parentId, @code, @name, @path, @depth, @Now)
            """, new { id, parentId, code, name, path = $"{parentPath}{id}/", depth, work.Now }, work.Transaction);
        work.Subject("unit", id);
        return new UnitRef(id, code, name);
    }
}

public sealed class AddUnitScope(UnitScope units) : IScopeRule<AddUnit>
{
    public Task<bool> InScopeAsync(AddUnit request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.ParentId, ct);
}

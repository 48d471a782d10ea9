using Dapper;
using MediatR;
using Triage.Client.Units;
using Triage.Server.Pipeline;

namespace Triage.Server.Units;

public sealed class RenameUnitHandler : CommandHandler<RenameUnit, Unit>
{
    protected override async Task<Unit> Handle(RenameUnit request, Work work, CancellationToken ct)
    {
        work.Subject("unit", request.Id);
        await work.Connection.ExecuteAsync("UPDATE org_units SET name = @Name WHERE id = @Id",
            new { request.Id, Name = request.Name.Trim() }, work.Transaction);
        return Unit.Value;
    }
}

public sealed class RenameUnitScope(UnitScope units) : IScopeRule<RenameUnit>
{
    public Task<bool> InScopeAsync(RenameUnit request, Actor actor, CancellationToken ct) => units.CoversAsync(actor, request.Id, ct);
}

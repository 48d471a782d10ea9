using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Units;
using Triage.Server.Pipeline;

namespace Triage.Server.Units;

public sealed class AddRootUnitHandler(IStringLocalizer<Strings> localizer) : CommandHandler<AddRootUnit, UnitRef>
{
    protected override async Task<UnitRef> Handle(AddRootUnit request, Work work, CancellationToken ct)
    {
        if (await work.Connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM org_units)", transaction: work.Transaction))
            throw new ConflictException("Conflict.RootExists", "The desk already has a top unit.");
        return await AddUnitHandler.InsertAsync(work, null, "/", 0, request.Code.Trim(), request.Name.Trim(), localizer);
    }
}

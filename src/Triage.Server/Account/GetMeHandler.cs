using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Settings;

namespace Triage.Server.Account;

public sealed class GetMeHandler(Db db, IOptions<DeskOptions> options) : QueryHandler<GetMe, MyAccount>(db)
{
    protected override async Task<MyAccount> Handle(GetMe request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var unit = await connection.QuerySingleAsync<UnitRef>(
            "SELECT id AS Id, code AS Code, name AS Name FROM org_units WHERE id = @UnitId", new { actor.UnitId });
        return new MyAccount(actor.UserId ?? throw new NotSignedInException(), actor.Email, actor.Name,
            actor.Roles.Order().ToList(), unit) { Organisation = await DeskState.OrganisationNameAsync(connection, options.Value) };
    }
}

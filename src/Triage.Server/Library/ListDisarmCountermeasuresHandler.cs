using System.Data.Common;
using Dapper;
using Triage.Client.Library;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Library;

public sealed class ListDisarmCountermeasuresHandler(Db db) : QueryHandler<ListDisarmCountermeasures, IReadOnlyList<DisarmCountermeasure>>(db)
{
    protected override async Task<IReadOnlyList<DisarmCountermeasure>> Handle(ListDisarmCountermeasures request, DbConnection connection, Actor actor, CancellationToken ct) =>
        (await connection.QueryAsync<DisarmCountermeasure>(
            "SELECT id AS Id, name AS Name, metatechnique AS Metatechnique FROM disarm_countermeasures ORDER BY id")).AsList();
}

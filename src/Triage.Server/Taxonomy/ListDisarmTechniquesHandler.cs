using System.Data.Common;
using Dapper;
using Triage.Client.Taxonomy;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

public sealed class ListDisarmTechniquesHandler(Db db) : QueryHandler<ListDisarmTechniques, IReadOnlyList<DisarmTechnique>>(db)
{
    protected override async Task<IReadOnlyList<DisarmTechnique>> Handle(ListDisarmTechniques request, DbConnection connection, Actor actor, CancellationToken ct) =>
        (await connection.QueryAsync<DisarmTechnique>(
            "SELECT id AS Id, name AS Name, tactic_id AS TacticId FROM disarm_techniques ORDER BY id")).AsList();
}

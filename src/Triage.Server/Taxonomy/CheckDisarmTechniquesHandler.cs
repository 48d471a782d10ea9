using System.Data.Common;
using Microsoft.Extensions.Localization;
using Triage.Client.Resources;
using Triage.Client.Taxonomy;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

public sealed class CheckDisarmTechniquesHandler(Db db, IStringLocalizer<Strings> localizer) : QueryHandler<CheckDisarmTechniques, DisarmImportResult>(db)
{
    protected override async Task<DisarmImportResult> Handle(CheckDisarmTechniques request, DbConnection connection, Actor actor, CancellationToken ct) =>
        (await DisarmTechniqueFile.PlanAsync(request.Content, connection, null, localizer)).Result;
}

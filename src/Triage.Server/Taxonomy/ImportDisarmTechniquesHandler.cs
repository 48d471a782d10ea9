using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Taxonomy;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

/// <summary>
/// Adds and renames techniques; never deletes one the file leaves out, since cases are tagged with them. The audit event
/// records the counts; the file itself is not kept.
/// </summary>
public sealed class ImportDisarmTechniquesHandler(IStringLocalizer<Strings> localizer) : CommandHandler<ImportDisarmTechniques, DisarmImportResult>
{
    protected override async Task<DisarmImportResult> Handle(ImportDisarmTechniques request, Work work, CancellationToken ct)
    {
        var plan = await DisarmTechniqueFile.PlanAsync(request.Content, work.Connection, work.Transaction, localizer);
        if (plan.Result.Failed > 0)
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["file"] = [localizer[DisarmImportRules.HasErrors, plan.Result.Failed]],
            });
        await work.Connection.ExecuteAsync("""
            INSERT INTO disarm_techniques (id, name, tactic_id) VALUES (@Id, @Name, @TacticId)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, tactic_id = excluded.tactic_id
            """, plan.Writes, work.Transaction);
        work.Subject("disarm_techniques", "import");
        work.Detail("added", plan.Result.Added);
        work.Detail("updated", plan.Result.Updated);
        work.Detail("unchanged", plan.Result.Unchanged);
        return plan.Result;
    }
}

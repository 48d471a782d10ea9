using Dapper;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Taxonomy;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

/// <summary>
/// Retiring only hides the term from what pages and the API offer. Writes that name it are still accepted, so editing a
/// case classified before keeps its verdict (docs/decisions/0021-admin-settings-and-retired-terms.md).
/// </summary>
public sealed class SetTaxonomyTermRetiredHandler : CommandHandler<SetTaxonomyTermRetired, Unit>
{
    protected override async Task<Unit> Handle(SetTaxonomyTermRetired request, Work work, CancellationToken ct)
    {
        var kind = request.Kind.Code();
        work.Subject("taxonomy_term", $"{kind}:{request.Code}");
        var changed = await work.Connection.ExecuteAsync("""
            UPDATE taxonomy_terms SET retired_at = CASE WHEN @Retired THEN coalesce(retired_at, @Now) END WHERE kind = @kind AND code = @Code
            """, new { kind, request.Code, request.Retired, work.Now }, work.Transaction);
        if (changed == 0) throw new NotFoundException("Term");
        return Unit.Value;
    }
}

using Dapper;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Taxonomy;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

public sealed class UpdateTaxonomyTermHandler : CommandHandler<UpdateTaxonomyTerm, Unit>
{
    protected override async Task<Unit> Handle(UpdateTaxonomyTerm request, Work work, CancellationToken ct)
    {
        var kind = request.Kind.Code();
        work.Subject("taxonomy_term", $"{kind}:{request.Code}");
        var changed = await work.Connection.ExecuteAsync("""
            UPDATE taxonomy_terms SET label_vi = @vi, label_en = @en WHERE kind = @kind AND code = @Code
            """, new { kind, request.Code, vi = request.LabelVi.Trim(), en = request.LabelEn.Trim() }, work.Transaction);
        if (changed == 0) throw new NotFoundException("Term");
        return Unit.Value;
    }
}

using Dapper;
using MediatR;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Taxonomy;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

public sealed class AddTaxonomyTermHandler(IStringLocalizer<Strings> localizer) : CommandHandler<AddTaxonomyTerm, Unit>
{
    protected override async Task<Unit> Handle(AddTaxonomyTerm request, Work work, CancellationToken ct)
    {
        var kind = request.Kind.Code();
        var code = request.Code.Trim();
        // A retired term keeps its code too: cases hold it, so the code can never mean something else.
        if (await work.Connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM taxonomy_terms WHERE kind = @kind AND code = @code)",
                new { kind, code }, work.Transaction))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["code"] = [localizer[TaxonomyRules.CodeTaken]] });
        await work.Connection.ExecuteAsync("""
            INSERT INTO taxonomy_terms (kind, code, label_vi, label_en, sort_order)
            VALUES (@kind, @code, @vi, @en, (SELECT coalesce(max(sort_order), -1) + 1 FROM taxonomy_terms WHERE kind = @kind))
            """, new { kind, code, vi = request.LabelVi.Trim(), en = request.LabelEn.Trim() }, work.Transaction);
        work.Subject("taxonomy_term", $"{kind}:{code}");
        return Unit.Value;
    }
}

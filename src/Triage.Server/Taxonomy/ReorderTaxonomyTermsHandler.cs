using Dapper;
using MediatR;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Taxonomy;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

public sealed class ReorderTaxonomyTermsHandler(IStringLocalizer<Strings> localizer) : CommandHandler<ReorderTaxonomyTerms, Unit>
{
    protected override async Task<Unit> Handle(ReorderTaxonomyTerms request, Work work, CancellationToken ct)
    {
        var kind = request.Kind.Code();
        var existing = (await work.Connection.QueryAsync<string>("SELECT code FROM taxonomy_terms WHERE kind = @kind", new { kind }, work.Transaction))
            .ToHashSet(StringComparer.Ordinal);
        // The whole order or nothing: a list from a page that missed a term added meanwhile must not guess where it goes.
        if (request.Codes.Count != existing.Count || !existing.SetEquals(request.Codes))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["codes"] = [localizer[TaxonomyRules.OrderMismatch]] });
        var rows = request.Codes.Select((code, order) => new { kind, code, order });
        await work.Connection.ExecuteAsync("UPDATE taxonomy_terms SET sort_order = @order WHERE kind = @kind AND code = @code", rows, work.Transaction);
        work.Subject("taxonomy", kind);
        return Unit.Value;
    }
}

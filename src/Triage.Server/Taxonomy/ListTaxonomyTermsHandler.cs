using System.Data.Common;
using Dapper;
using Triage.Client.Taxonomy;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

public sealed class ListTaxonomyTermsHandler(Db db) : QueryHandler<ListTaxonomyTerms, IReadOnlyList<TaxonomyTerm>>(db)
{
    protected override async Task<IReadOnlyList<TaxonomyTerm>> Handle(ListTaxonomyTerms request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Code, string Vi, string En, int Order, string? RetiredAt)>("""
            SELECT code, label_vi, label_en, sort_order, retired_at FROM taxonomy_terms WHERE kind = @kind ORDER BY sort_order, code
            """, new { kind = request.Kind.Code() });
        return rows.Select(r => new TaxonomyTerm(request.Kind, r.Code, r.Vi, r.En, r.Order,
            r.RetiredAt is null ? null : DapperSetup.Parse(r.RetiredAt))).ToList();
    }
}

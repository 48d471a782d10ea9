using System.Data.Common;
using Dapper;
using Triage.Client.Taxonomy;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

/// <summary>
/// Read from the table on every call, never cached, so an admin's edit shows on the next page load. Retired terms
/// travel inside each <see cref="TermList"/> for labels only: the lists enumerate, and the API answers, the current ones.
/// </summary>
public sealed class GetTaxonomyHandler(Db db) : QueryHandler<GetTaxonomy, TaxonomyTerms>(db)
{
    protected override async Task<TaxonomyTerms> Handle(GetTaxonomy request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<(string Kind, string Code, string Vi, string En, long Retired)>(
            "SELECT kind, code, label_vi, label_en, retired_at IS NOT NULL FROM taxonomy_terms ORDER BY kind, sort_order, code")).AsList();
        TermList Of(string kind)
        {
            List<Term> Terms(bool retired) =>
                rows.Where(r => r.Kind == kind && (r.Retired != 0) == retired).Select(r => new Term(r.Code, new TermLabels(r.Vi, r.En))).ToList();
            return new TermList(Terms(false), Terms(true));
        }
        return new TaxonomyTerms(Of("verdict"), Of("category"), Of("platform"));
    }
}

using Dapper;
using Microsoft.Data.Sqlite;
using Triage.Client.Taxonomy;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Taxonomy;

public sealed class GetTaxonomyHandler(Db db) : QueryHandler<GetTaxonomy, TaxonomyTerms>(db)
{
    protected override async Task<TaxonomyTerms> Handle(GetTaxonomy request, SqliteConnection connection, Actor actor, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<(string Kind, string Code, string Vi, string En)>(
            "SELECT kind, code, label_vi, label_en FROM taxonomy_terms ORDER BY kind, sort_order, code")).AsList();
        List<Term> Of(string kind) => rows.Where(r => r.Kind == kind).Select(r => new Term(r.Code, new TermLabels(r.Vi, r.En))).ToList();
        return new TaxonomyTerms(Of("verdict"), Of("category"), Of("platform"));
    }
}

using System.Data.Common;
using Dapper;
using Triage.Client.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Search;

namespace Triage.Server.Cases;

/// <summary>
/// BM25 over the search-folded title and report texts of every case (FTS5, Porter-stemmed), keeping only
/// cases the caller may read, then the best of those re-ranked by <see cref="CandidateRanking"/>. Merged
/// cases are left out: their reports live on in the case they were merged into.
/// </summary>
public sealed class FindSimilarCasesHandler(Db db) : QueryHandler<FindSimilarCases, SimilarCasePage>(db)
{
    /// <summary>Ranked candidates examined before the read check; enough that scope rarely empties the page.</summary>
    private const int Candidates = 200;

    /// <summary>Readable candidates re-ranked, never less than a page; past the 50th, BM25 rarely holds the claim (decision 0006).</summary>
    private static readonly int Pool = Math.Max(50, FindSimilarCases.MaxLimit);

    protected override async Task<SimilarCasePage> Handle(FindSimilarCases request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var folded = SearchText.Fold(request.Text);
        if (FtsQuery.AnyOf(folded, connection.IsPostgres()) is not { } match) return new SimilarCasePage([]);
        var parameters = new DynamicParameters(CaseAccess.Parameters(actor));
        parameters.AddDynamicParams(new { match, request.ExceptCaseId });
        // Title weight 1.5: best on the CLEF train split, between 1 and 2 (decision 0006).
        var rows = (await connection.QueryAsync<(long CaseId, double Rank, string Title, string Status, string Text)>($"""
            WITH ranked AS (
                SELECT rowid AS case_id, {connection.TextRank("case_search", "@match", anyWord: true)} AS rank
                FROM case_search WHERE {connection.TextMatch("case_search", "@match", anyWord: true)}
                ORDER BY rank LIMIT {Candidates})
            SELECT c.id, ranked.rank, c.title, c.status,
                   substr(trim(coalesce(s.title, '') || ' ' || coalesce(s.body, '')), 1, {CandidateRanking.MaxTextLength}) AS text
            FROM ranked JOIN cases c ON c.id = ranked.case_id JOIN case_search s ON s.rowid = ranked.case_id
            WHERE c.status <> 'merged' AND (@ExceptCaseId IS NULL OR c.id <> @ExceptCaseId) AND {CaseAccess.ReadableSql}
            ORDER BY ranked.rank, c.id
            LIMIT {Pool}
            """, parameters)).ToList();

        // The rank is lower-is-better (Dialect.TextRank); the ranking and the API want higher is better.
        var ranked = CandidateRanking.Rank(folded, rows.Select(r => new CandidateRanking.Candidate(r.CaseId, -r.Rank, r.Text)).ToList());
        var byId = rows.ToDictionary(r => r.CaseId);
        var limit = Math.Clamp(request.Limit, 1, FindSimilarCases.MaxLimit);
        return new SimilarCasePage(ranked.Take(limit)
            .Select(r => new SimilarCase(r.CaseId, r.Score, byId[r.CaseId].Title, CaseStatuses.Parse(byId[r.CaseId].Status))).ToList());
    }
}

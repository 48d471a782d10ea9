using Dapper;
using Microsoft.Data.Sqlite;
using Triage.Client.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Search;

namespace Triage.Server.Cases;

/// <summary>
/// BM25 over the folded title and report texts of every case (FTS5), keeping only cases the caller
/// may read. Merged cases are left out: their reports live on in the case they were merged into.
/// </summary>
public sealed class FindSimilarCasesHandler(Db db) : QueryHandler<FindSimilarCases, SimilarCasePage>(db)
{
    /// <summary>Ranked candidates examined before the read check; enough that scope rarely empties the page.</summary>
    private const int Candidates = 200;

    protected override async Task<SimilarCasePage> Handle(FindSimilarCases request, SqliteConnection connection, Actor actor, CancellationToken ct)
    {
        if (FtsQuery.AnyOf(SearchText.Fold(request.Text)) is not { } match) return new SimilarCasePage([]);
        var parameters = new DynamicParameters(CaseAccess.Parameters(actor));
        parameters.AddDynamicParams(new { match, request.ExceptCaseId, limit = Math.Clamp(request.Limit, 1, FindSimilarCases.MaxLimit) });
        var rows = await connection.QueryAsync<(long CaseId, double Rank, string Title, string Status)>($"""
            WITH ranked AS (
                SELECT rowid AS case_id, bm25(case_search, 1.5, 1.0) AS rank
                FROM case_search WHERE case_search MATCH @match
                ORDER BY rank LIMIT {Candidates})
            SELECT c.id, ranked.rank, c.title, c.status
            FROM ranked JOIN cases c ON c.id = ranked.case_id
            WHERE c.status <> 'merged' AND (@ExceptCaseId IS NULL OR c.id <> @ExceptCaseId) AND {CaseAccess.ReadableSql}
            ORDER BY ranked.rank, c.id
            LIMIT @limit
            """, parameters);
        // FTS5's bm25 is negative, lower is better; the API's score is positive, higher is better.
        return new SimilarCasePage(rows.Select(r => new SimilarCase(r.CaseId, -r.Rank, r.Title, CaseStatuses.Parse(r.Status))).ToList());
    }
}

using System.Data.Common;
using Dapper;

namespace Triage.Server.Search;

/// <summary>
/// Writes the similar-case index (case_search, rowid = case id). Intake and the benchmarks that load
/// cases directly both go through here, so what the benchmarks measure is what intake indexes.
/// </summary>
public static class CaseSearch
{
    /// <summary>Distinct report texts that feed a case's search row; more adds little and costs rewrites.</summary>
    public const int MaxTexts = 10;

    /// <summary>The row of a new case: its title and the text of its first report.</summary>
    public static Task AddAsync(DbConnection connection, DbTransaction? transaction, long caseId, string title, string? text) =>
        connection.ExecuteAsync("INSERT INTO case_search (rowid, title, body) VALUES (@caseId, @title, @body)",
            new { caseId, title = SearchText.Fold(title), body = SearchText.Fold(text) }, transaction);

    /// <summary>
    /// Rebuilds a case's row from the reports it holds now, as intake would have built it had they arrived
    /// in this case: the texts of the reports that opened a case or joined by link (a report joined as a
    /// near-duplicate adds nothing new), oldest first, at most <see cref="MaxTexts"/>. For merge and split,
    /// which move reports between cases; a case left without reports keeps only its title.
    /// </summary>
    public static async Task RefreshAsync(DbConnection connection, DbTransaction? transaction, long caseId)
    {
        var title = await connection.ExecuteScalarAsync<string>("SELECT title FROM cases WHERE id = @caseId", new { caseId }, transaction) ?? "";
        var texts = (await connection.QueryAsync<string>($"""
            SELECT text FROM reports
            WHERE case_id = @caseId AND text IS NOT NULL AND text <> '' AND (matched_by IS NULL OR matched_by <> 'text')
            ORDER BY submitted_at, id
            """, new { caseId }, transaction))
            .Select(SearchText.Fold).Where(t => t.Length > 0).Take(MaxTexts).ToList();
        await connection.ExecuteAsync("""
            DELETE FROM case_search WHERE rowid = @caseId;
            INSERT INTO case_search (rowid, title, body) VALUES (@caseId, @title, @body);
            UPDATE cases SET search_texts = @count WHERE id = @caseId;
            """, new { caseId, title = SearchText.Fold(title), body = string.Join(' ', texts), count = texts.Count }, transaction);
    }
}

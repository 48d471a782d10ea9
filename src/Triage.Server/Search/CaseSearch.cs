using Dapper;
using Microsoft.Data.Sqlite;

namespace Triage.Server.Search;

/// <summary>
/// Writes the similar-case index (case_search, rowid = case id). Intake and the benchmarks that load
/// cases directly both go through here, so what the benchmarks measure is what intake indexes.
/// </summary>
public static class CaseSearch
{
    /// <summary>The row of a new case: its title and the text of its first report.</summary>
    public static Task AddAsync(SqliteConnection connection, SqliteTransaction? transaction, long caseId, string title, string? text) =>
        connection.ExecuteAsync("INSERT INTO case_search (rowid, title, body) VALUES (@caseId, @title, @body)",
            new { caseId, title = SearchText.Fold(title), body = SearchText.Fold(text) }, transaction);
}

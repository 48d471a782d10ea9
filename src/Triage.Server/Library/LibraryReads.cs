using System.Data.Common;
using Dapper;
using Triage.Client.Library;
using Triage.Server.Data;

namespace Triage.Server.Library;

/// <summary>The message row as search and save read it, and the countermeasure tags of a set of messages.</summary>
internal static class LibraryReads
{
    public const string Columns = """
        m.id AS Id, m.title AS Title, m.text AS Text, m.language AS Language, m.category AS Category, m.claim AS Claim,
        m.usage_count AS UsageCount, m.created_at AS CreatedAt, m.updated_at AS UpdatedAt
        """;

    public sealed class Row
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Text { get; init; } = "";
        public string Language { get; init; } = "";
        public string Category { get; init; } = "";
        public string? Claim { get; init; }
        public long UsageCount { get; init; }
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";
        public long UsesOnSimilarCases { get; init; }
    }

    public static async Task<IReadOnlyList<LibraryMessage>> WithTagsAsync(DbConnection connection, DbTransaction? tx, IReadOnlyList<Row> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await connection.QueryAsync<(long MessageId, string CountermeasureId)>($"""
            SELECT message_id, countermeasure_id FROM library_message_countermeasures
            WHERE message_id {connection.InList("@ids")} ORDER BY countermeasure_id
            """, new { ids }, tx)).ToLookup(t => t.MessageId, t => t.CountermeasureId);
        return rows.Select(r => new LibraryMessage(r.Id, r.Title, r.Text, r.Language, r.Category, r.Claim, tags[r.Id].ToList(),
            r.UsageCount, r.UsesOnSimilarCases, DapperSetup.Parse(r.CreatedAt), DapperSetup.Parse(r.UpdatedAt))).ToList();
    }
}

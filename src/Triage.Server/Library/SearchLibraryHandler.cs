using System.Data.Common;
using System.Buffers.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Library;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Search;

namespace Triage.Server.Library;

/// <summary>
/// Folded FTS5 over the library (every word required, as a filter narrows), ordered by how often each
/// message was used on the case's similar cases, then by use, then by recency; a keyset over those four.
/// </summary>
public sealed class SearchLibraryHandler(Db db, IStringLocalizer<Strings> localizer) : QueryHandler<SearchLibrary, LibraryPage>(db)
{
    /// <summary>
    /// Cases whose BM25 against the case's own folded text is best count as similar: the ranking
    /// FindSimilarCases starts from, without its re-ranking, which only reorders within this pool.
    /// </summary>
    private const int SimilarCases = 20;

    protected override async Task<LibraryPage> Handle(SearchLibrary request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        Cursor? after = null;
        if (!string.IsNullOrEmpty(request.Cursor) && !Cursor.TryParse(request.Cursor, out after))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["cursor"] = [localizer[QueueRules.CursorInvalid]] });

        var similar = request.CaseId is { } caseId ? await SimilarCasesAsync(connection, caseId, actor) : [];
        var match = string.IsNullOrWhiteSpace(request.Q) ? null : FtsQuery.AllOf(SearchText.Fold(request.Q), connection.IsPostgres());
        if (!string.IsNullOrWhiteSpace(request.Q) && match is null) return new LibraryPage([], null);

        var limit = Math.Clamp(request.Limit, 1, SearchLibrary.MaxLimit);
        var category = string.IsNullOrWhiteSpace(request.Category) ? null : request.Category.Trim();
        var rows = (await connection.QueryAsync<LibraryReads.Row>($"""
            WITH found AS (
                SELECT {LibraryReads.Columns},
                       (SELECT count(*) FROM library_usage u WHERE u.message_id = m.id AND u.case_id {connection.InList("@similar")}) AS UsesOnSimilarCases
                FROM library_messages m
                WHERE (@match IS NULL OR m.id IN (SELECT rowid FROM library_search WHERE {connection.TextMatch("library_search", "@match", anyWord: false)}))
                  AND (@category IS NULL OR m.category = @category))
            SELECT * FROM found
            WHERE @afterId IS NULL OR (UsesOnSimilarCases, UsageCount, UpdatedAt, Id) < (@afterSimilar, @afterUsage, @afterUpdated, @afterId)
            ORDER BY UsesOnSimilarCases DESC, UsageCount DESC, UpdatedAt DESC, Id DESC
            LIMIT @take
            """, new
        {
            similar, match, category, take = limit + 1,
            afterId = after?.Id, afterSimilar = after?.Similar, afterUsage = after?.Usage, afterUpdated = after?.Updated,
        })).ToList();

        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new Cursor(page[^1].UsesOnSimilarCases, page[^1].UsageCount, page[^1].UpdatedAt, page[^1].Id).Encode() : null;
        return new LibraryPage(await LibraryReads.WithTagsAsync(connection, null, page), next);
    }

    /// <summary>
    /// The case itself, the cases merged into it, and the readable cases whose text reads most like it. BM25 over
    /// an OR of every word ranks any case sharing one word ("đã"), so a candidate must also share
    /// <see cref="MinSharedWords"/> of the words of the shorter text to count as similar.
    /// </summary>
    private static async Task<List<long>> SimilarCasesAsync(DbConnection connection, long caseId, Actor actor)
    {
        var cases = new List<long> { caseId };
        cases.AddRange(await connection.QueryAsync<long>("SELECT id FROM cases WHERE merged_into_case_id = @caseId", new { caseId }));
        var text = await connection.ExecuteScalarAsync<string?>(
            "SELECT coalesce(title, '') || ' ' || coalesce(body, '') FROM case_search WHERE rowid = @caseId", new { caseId }) ?? "";
        // case_search already holds SearchText.Fold output, so its text is a query as it stands.
        if (FtsQuery.AnyOf(text, connection.IsPostgres()) is not { } match) return cases;
        var words = Words(text);
        var parameters = new DynamicParameters(CaseAccess.Parameters(actor));
        parameters.AddDynamicParams(new { match, caseId });
        var candidates = await connection.QueryAsync<(long Id, string Text)>($"""
            WITH ranked AS (
                SELECT rowid AS case_id, {connection.TextRank("case_search", "@match", anyWord: true)} AS rank
                FROM case_search WHERE {connection.TextMatch("case_search", "@match", anyWord: true)}
                ORDER BY rank LIMIT {SimilarCases * 4})
            SELECT c.id, substr(coalesce(s.title, '') || ' ' || coalesce(s.body, ''), 1, {CandidateRanking.MaxTextLength})
            FROM ranked JOIN cases c ON c.id = ranked.case_id JOIN case_search s ON s.rowid = ranked.case_id
            WHERE c.id <> @caseId AND {CaseAccess.ReadableSql}
            ORDER BY ranked.rank, c.id
            LIMIT {SimilarCases}
            """, parameters);
        foreach (var candidate in candidates)
        {
            var theirs = Words(candidate.Text);
            var shared = theirs.Count(words.Contains);
            if (shared >= MinSharedWords * Math.Min(words.Count, theirs.Count)) cases.Add(candidate.Id);
        }
        return cases.Distinct().ToList();
    }

    /// <summary>Share of words in common from which two cases are alike; one claim retold shares about half.</summary>
    private const double MinSharedWords = 0.3;

    private static HashSet<string> Words(string folded) =>
        folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 1).ToHashSet(StringComparer.Ordinal);

    private sealed record Cursor(long Similar, long Usage, string Updated, long Id)
    {
        public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new object[] { Similar, Usage, Updated, Id }));

        public static bool TryParse(string text, out Cursor? cursor)
        {
            cursor = null;
            try
            {
                var parts = JsonSerializer.Deserialize<JsonElement[]>(Base64Url.DecodeFromChars(text));
                if (parts is not { Length: 4 }) return false;
                cursor = new Cursor(parts[0].GetInt64(), parts[1].GetInt64(), parts[2].GetString() ?? "", parts[3].GetInt64());
                return true;
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
            {
                return false;
            }
        }
    }
}

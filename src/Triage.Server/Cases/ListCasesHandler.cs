using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Search;

namespace Triage.Server.Cases;

/// <summary>
/// The caller's queues: cases owned by their unit or below (or by the chosen unit's subtree), open ones
/// unless statuses are named, one page at a time after an opaque keyset cursor. See <see cref="QueueQuery"/>.
/// </summary>
public sealed class ListCasesHandler(Db db, IStringLocalizer<Strings> localizer, TimeProvider clock) : QueryHandler<ListCases, CasePage>(db)
{
    protected override async Task<CasePage> Handle(ListCases request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        QueueCursor? after = null;
        if (!string.IsNullOrEmpty(request.Cursor) && !QueueCursor.TryParse(request.Cursor, request.Sort, out after))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["cursor"] = [localizer[QueueRules.CursorInvalid]] });

        var scopePath = request.UnitId is { } unitId
            ? await connection.ExecuteScalarAsync<string>("SELECT path FROM org_units WHERE id = @unitId", new { unitId })
              ?? throw new NotFoundException("Unit")
            : actor.UnitPath;
        var limit = Math.Clamp(request.Limit, 1, ListCases.MaxLimit);
        var hits = SearchHits.Few;
        var postgres = connection.IsPostgres();
        long[]? hitIds = null;
        if (postgres && QueueQuery.MatchOf(request.Q, postgres) is { } words)
        {
            // PostgreSQL estimates the hits well but assumes they are spread like every case: a topic whose cases are
            // mostly closed made it walk 30,000 index entries for a page. Below the mark the hits are read first, once.
            var found = (await connection.QueryAsync<long>(
                $"SELECT rowid FROM case_search WHERE {connection.TextMatch("case_search", "@words", anyWord: false)} LIMIT @mark",
                new { words, mark = QueueQuery.PostgresManyHits })).ToArray();
            if (found.Length == 0) return new CasePage([], null);
            if (found.Length < QueueQuery.PostgresManyHits) hitIds = found;
            else hits = SearchHits.Many;
        }
        // The probe picks among SQLite's plans.
        if (!postgres && QueueQuery.MatchOf(request.Q) is { } match)
        {
            // Where the ManyHits-th hit lies (hits come in rowid order) tells few from many at the cost of reading
            // that far; only a search that looks dense from it pays for counting further to be sure.
            var manyth = await connection.ExecuteScalarAsync<long?>(
                "SELECT rowid FROM case_search WHERE case_search MATCH @match ORDER BY rowid LIMIT 1 OFFSET @skip",
                new { match, skip = QueueQuery.ManyHits - 1 });
            if (manyth is not null) hits = SearchHits.Many;
            if (QueueQuery.MayBeDense(manyth))
            {
                var dense = QueueQuery.DenseFrom(await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM cases"));
                hits = QueueQuery.HitsOf(await connection.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH @match LIMIT @dense)", new { match, dense }), dense);
            }
        }
        if (QueueQuery.Build(request, scopePath, after, limit + 1, hits, postgres, hitIds) is not { } query) return new CasePage([], null);

        var rows = (await connection.QueryAsync<Row>(query.Sql, query.Parameters)).ToList();
        var page = rows.Take(limit).ToList();
        var now = clock.GetUtcNow();
        var next = rows.Count > limit ? new QueueCursor(request.Sort, page[^1].SortKey, page[^1].Id).Encode() : null;
        return new CasePage(page.Select(r => new CaseSummary(
            r.Id, CaseStatuses.Parse(r.Status), r.Version, r.Title, r.Platform, r.ReportCount, r.Verdict, r.Category, r.Severity, r.Priority,
            new UnitRef(r.UnitId, r.UnitCode, r.UnitName),
            r.AssigneeId is { } assignee ? new Person(assignee, r.AssigneeEmail!, r.AssigneeName!) : null,
            r.FirstReportedAt, r.LastReportedAt, Sla.GetCaseSlaHandler.Pending(r.Status, r.SlaStartedAt, r.SlaDueAt, now))).ToList(), next);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public string Title { get; init; } = "";
        public string? Platform { get; init; }
        public int ReportCount { get; init; }
        public string? Verdict { get; init; }
        public string? Category { get; init; }
        public int? Severity { get; init; }
        public int Priority { get; init; }
        public long UnitId { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public long? AssigneeId { get; init; }
        public string? AssigneeEmail { get; init; }
        public string? AssigneeName { get; init; }
        public DateTimeOffset FirstReportedAt { get; init; }
        public DateTimeOffset LastReportedAt { get; init; }
        public DateTimeOffset? SlaStartedAt { get; init; }
        public DateTimeOffset? SlaDueAt { get; init; }
        public string SortKey { get; init; } = "";
    }
}

/// <summary>
/// The queue's SQL, public so a test can EXPLAIN exactly what runs. Each order walks its own index
/// (migration 0004) from the cursor on and stops after the page: no OFFSET, no COUNT. The scope, status
/// and filter terms carry a unary <c>+</c> so the planner never trades the ordered index walk for another
/// index followed by a sort of the whole subtree; scope and status are read from the index itself.
/// A text search with few hits (rowid = case id) starts from them and sorts them by the same key; one
/// with many walks the order's index as usual and keeps the cases in the hits, which SQLite collects
/// once; one whose hits are a large share of all cases walks the index and asks FTS5 about each case
/// it passes, since a page then comes after a few hundred cases while collecting the hits would read
/// the whole doclist. The handler counts hits up to <see cref="DenseFrom"/> to choose (measured in
/// README, "Queue").
/// </summary>
public static class QueueQuery
{
    public sealed record Query(string Sql, DynamicParameters Parameters);

    /// <summary>From this many hits on, a search walks the order's index instead of sorting its hits.</summary>
    public const int ManyHits = 2000;

    /// <summary>
    /// Below this many hits the handler reads a search's hits first on PostgreSQL and the query reads those cases by id
    /// (a few µs a hit); from it on PostgreSQL's planner chooses. On the 1,000,000-report bench desk, 3,243 hits of
    /// mostly closed cases: read first about 15 ms, walked by the planner's choice 70 ms (README, "side by side").
    /// </summary>
    public const int PostgresManyHits = 5000;

    /// <summary>Hits in at least one case in this many make a search dense.</summary>
    public const int DenseShare = 4;

    /// <summary>How many hits make a search dense in a desk whose highest case id is <paramref name="cases"/>.</summary>
    public static long DenseFrom(long cases) => Math.Max(ManyHits, cases / DenseShare);

    /// <summary>
    /// Whether a search whose <see cref="ManyHits"/>-th hit is the case with this id may hold a quarter of all
    /// cases: with hits spread evenly, that hit would come within the first ManyHits × DenseShare ids.
    /// </summary>
    public static bool MayBeDense(long? rowidOfManyth) => rowidOfManyth is { } rowid && rowid <= (long)ManyHits * DenseShare;

    public static SearchHits HitsOf(long counted, long dense) =>
        counted >= dense ? SearchHits.Dense : counted >= ManyHits ? SearchHits.Many : SearchHits.Few;

    /// <summary>The FTS5 query of a queue search: every folded word required. Null when none is left.</summary>
    public static string? MatchOf(string? q, bool postgres = false) => string.IsNullOrWhiteSpace(q) ? null : FtsQuery.AllOf(SearchText.Fold(q), postgres);

    private sealed record Order(string Column, bool Descending);

    /// <summary>The SLA order's key of a case without a pending due: sorts after every stored time.</summary>
    public const string NoDue = "~";

    private static Order OrderOf(CaseSort sort) => sort switch
    {
        CaseSort.Priority => new("c.priority", true),
        CaseSort.Age => new("c.first_reported_at", false),
        CaseSort.Reports => new("c.report_count", true),
        CaseSort.Recent => new("c.last_reported_at", true),
        // The expression of migration 0011's index, letter for letter, so the planner walks it.
        CaseSort.Sla => new($"coalesce(c.sla_due_at, '{NoDue}')", false),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    /// <summary>Null when the search folds to nothing: no case can match.</summary>
    /// <param name="postgres">
    /// PostgreSQL has no unary <c>+</c> on text and needs no such hint, joins with JOIN … ON, and matches text through
    /// its tsvector; below <see cref="PostgresManyHits"/> it is made to read the hits first, from there on its planner chooses.
    /// </param>
    /// <param name="hitIds">The search's hits when the handler has read them first (PostgreSQL, below <see cref="PostgresManyHits"/>).</param>
    public static Query? Build(CaseFilter filter, string scopePath, QueueCursor? after, int take, SearchHits hits = SearchHits.Few, bool postgres = false,
        IReadOnlyCollection<long>? hitIds = null)
    {
        // SQLite's unary + keeps a term from choosing the index, so the planner walks the order's index.
        string Pin(string term) => postgres ? term : "+" + term;
        var join = postgres ? "JOIN" : "CROSS JOIN";
        var order = OrderOf(filter.Sort);
        var parameters = new DynamicParameters();
        parameters.Add("ScopePath", scopePath);
        parameters.Add("Take", take);

        var statuses = filter.Statuses is { Count: > 0 } named ? named.Distinct() : CaseStatuses.Open;
        var inScope = Dialect.InSubtree(postgres, "path", "@ScopePath");
        var where = new List<string>
        {
            // Codes of an enum, not input: safe to inline, and a literal list lets the planner see it.
            Pin($"c.status IN ({string.Join(", ", statuses.Select(s => $"'{s.Code()}'"))})"),
            Pin($"c.owner_unit_id IN (SELECT id FROM org_units WHERE {inScope})"),
        };
        if (after is not null)
        {
            // Ties on the key continue by id; the id test is not part of the index range, so a page
            // inside a long run of equal keys skips that run's earlier entries in the index (cheap, measured).
            var (cmp, strict) = order.Descending ? ("<=", "<") : (">=", ">");
            where.Insert(0, $"{order.Column} {cmp} @AfterKey AND ({order.Column} {strict} @AfterKey OR c.id > @AfterId)");
            parameters.Add("AfterKey", after.Key);
            parameters.Add("AfterId", after.Id);
        }
        if (filter.QueueId is { } queueId) Add(Pin("c.queue_id = @QueueId"), "QueueId", queueId);
        if (filter.Assigned is { } assigned) where.Add(Pin(assigned ? "c.assignee_user_id IS NOT NULL" : "c.assignee_user_id IS NULL"));
        if (Blank(filter.Platform) is { } platform) Add(Pin("c.platform = @Platform"), "Platform", platform);
        if (Blank(filter.Category) is { } category) Add(Pin("c.category = @Category"), "Category", category);
        if (Blank(filter.Verdict) is { } verdict) Add(Pin("c.verdict = @Verdict"), "Verdict", verdict);
        if (filter.Severity is { } severity) Add(Pin("c.severity = @Severity"), "Severity", severity);

        var from = "cases c";
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            if (MatchOf(filter.Q, postgres) is not { } match) return null;
            if (hitIds is not null)
            {
                // The cases read by id, then sorted: PostgreSQL cannot turn a list it holds into a walk of the order's index.
                Add("c.id = ANY(@Hits)", "Hits", hitIds.ToArray());
            }
            else
            {
                parameters.Add("Match", match);
                var matches = Dialect.TextMatch(postgres, "case_search", "@Match", anyWord: false);
                // Last in the WHERE clause, so the probe runs only for cases that passed scope and status in the index.
                if (!postgres && hits == SearchHits.Dense) where.Add($"EXISTS (SELECT 1 FROM case_search WHERE {matches} AND case_search.rowid = c.id)");
                else if (!postgres && hits == SearchHits.Many) where.Add(Pin($"c.id IN (SELECT rowid FROM case_search WHERE {matches})"));
                // SQLite's few hits, and PostgreSQL's many, whose planner chooses how to join them.
                else from = $"(SELECT rowid AS id FROM case_search WHERE {matches}) hits {join} cases c ON c.id = hits.id";
            }
        }

        var direction = order.Descending ? " DESC" : "";
        var sql = $"""
            SELECT c.id AS Id, c.status AS Status, c.version AS Version, c.title AS Title, c.platform AS Platform,
                   c.report_count AS ReportCount, c.verdict AS Verdict, c.category AS Category, c.severity AS Severity,
                   c.priority AS Priority, o.id AS UnitId, o.code AS UnitCode, o.name AS UnitName,
                   a.id AS AssigneeId, a.email AS AssigneeEmail, a.name AS AssigneeName,
                   c.first_reported_at AS FirstReportedAt, c.last_reported_at AS LastReportedAt,
                   c.sla_started_at AS SlaStartedAt, c.sla_due_at AS SlaDueAt, CAST({order.Column} AS TEXT) AS SortKey
            FROM {from}
                 {join} org_units o ON o.id = c.owner_unit_id
                 LEFT JOIN users a ON a.id = c.assignee_user_id
            WHERE {string.Join("\n  AND ", where)}
            ORDER BY {order.Column}{direction}, c.id
            LIMIT @Take
            """;
        return new Query(sql, parameters);

        void Add(string term, string name, object value)
        {
            where.Add(term);
            parameters.Add(name, value);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Where a page ended: the order it belongs to, the last row's sort key and id, as base64url text.
/// Numbers are bound as numbers; a time goes back exactly as the column stored it, so the cursor
/// compares the way the index is ordered.
/// </summary>
public sealed record QueueCursor(CaseSort Sort, object Key, long Id)
{
    public string Encode() => OpaqueCursor.Encode(
        string.Create(CultureInfo.InvariantCulture, $"{Sort.ToString().ToLowerInvariant()}|{Id}|{Key}"));

    /// <summary>False for anything this code did not write for <paramref name="sort"/>: a cursor from another order would skip rows.</summary>
    public static bool TryParse(string text, CaseSort sort, out QueueCursor? cursor)
    {
        cursor = null;
        if (!OpaqueCursor.TryDecode(text, out var decoded)) return false;
        var parts = decoded.Split('|', 3);
        if (parts.Length != 3 || !string.Equals(parts[0], sort.ToString(), StringComparison.OrdinalIgnoreCase)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;

        object? key = sort switch
        {
            CaseSort.Priority or CaseSort.Reports =>
                long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null,
            CaseSort.Sla when parts[2] == QueueQuery.NoDue => QueueQuery.NoDue,
            _ => DateTimeOffset.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? parts[2] : null,
        };
        if (key is null) return false;
        cursor = new QueueCursor(sort, key, id);
        return true;
    }
}

/// <summary>How a queue search reaches its cases, by how many the words are in (see <see cref="QueueQuery"/>).</summary>
public enum SearchHits
{
    Few,
    Many,
    Dense,
}

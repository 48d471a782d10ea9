using System.Data.Common;
using Npgsql;

namespace Triage.Server.Data;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL, each a small fragment chosen by the connection.
/// Everything else is written once in SQL both engines read. Arguments are SQL fragments fixed in the source
/// (SqlParameterisationTests checks that every call passes constants), never values.
/// </summary>
public static class Dialect
{
    public static bool IsPostgres(this DbConnection connection) => connection is NpgsqlConnection;

    /// <summary>
    /// Membership in a list parameter: Dapper expands <c>IN @ids</c> into one parameter per item for SQLite, but hands
    /// Npgsql the whole list as one array, which PostgreSQL compares with <c>= ANY(@ids)</c>.
    /// </summary>
    public static string InList(this DbConnection connection, string parameter) =>
        connection.IsPostgres() ? $"= ANY({parameter})" : $"IN {parameter}";

    /// <summary>The smaller of two values: SQLite's two-argument min(), PostgreSQL's LEAST.</summary>
    public static string Least(this DbConnection connection, string a, string b) =>
        connection.IsPostgres() ? $"LEAST({a}, {b})" : $"min({a}, {b})";

    /// <summary>The larger of two values: SQLite's two-argument max(), PostgreSQL's GREATEST.</summary>
    public static string Greatest(this DbConnection connection, string a, string b) =>
        connection.IsPostgres() ? $"GREATEST({a}, {b})" : $"max({a}, {b})";

    /// <summary>
    /// A join whose left side stays the outer loop: SQLite's CROSS JOIN … ON fixes the order, a hint PostgreSQL neither
    /// reads nor allows (its planner orders joins by its statistics).
    /// </summary>
    public static string OrderedJoin(this DbConnection connection) => connection.IsPostgres() ? "JOIN" : "CROSS JOIN";

    /// <summary>Case-insensitive LIKE: SQLite's LIKE already ignores ASCII case; PostgreSQL's needs ILIKE.</summary>
    public static string Like(this DbConnection connection) => connection.IsPostgres() ? "ILIKE" : "LIKE";

    /// <summary>
    /// An integer inside a JSON text column at a path like <c>$.details.caseId</c>: SQLite's json_extract, PostgreSQL's
    /// jsonb path operator cast to bigint. JSON stays text on both engines (the audit chain hashes it as written).
    /// </summary>
    public static string JsonInteger(this DbConnection connection, string column, string path) =>
        connection.IsPostgres() ? $"CAST(({column})::jsonb #>> '{PostgresPath(path)}' AS BIGINT)" : $"json_extract({column}, '{path}')";

    /// <summary>The value inside a JSON text column at a path, as text (null when absent).</summary>
    public static string JsonText(this DbConnection connection, string column, string path) =>
        connection.IsPostgres() ? $"({column})::jsonb #>> '{PostgresPath(path)}'" : $"json_extract({column}, '{path}')";

    /// <summary>Whether a JSON array in a text column holds the string <paramref name="parameter"/>.</summary>
    public static string JsonArrayHolds(this DbConnection connection, string column, string parameter) =>
        connection.IsPostgres()
            ? $"({column})::jsonb @> jsonb_build_array(CAST({parameter} AS TEXT))"
            : $"EXISTS (SELECT 1 FROM json_each({column}) WHERE value = {parameter})";

    private static string PostgresPath(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal)
            ? "{" + path[2..].Replace('.', ',') + "}"
            : throw new ArgumentException($"A JSON path here starts with '$.', not '{path}'.", nameof(path));

    /// <summary>
    /// A full-text match on one of the search tables (case_search, library_search) against a query from FtsQuery:
    /// FTS5's MATCH, or the table's tsvector against plainto_tsquery (every word), turned into an OR of the same
    /// words when <paramref name="anyWord"/>. The 'triage' configuration stems English and keeps every word.
    /// </summary>
    public static string TextMatch(this DbConnection connection, string table, string parameter, bool anyWord) =>
        TextMatch(connection.IsPostgres(), table, parameter, anyWord);

    /// <inheritdoc cref="TextMatch(DbConnection, string, string, bool)"/>
    /// <remarks>For SQL built before a connection is at hand (the queue query, which tests also build and EXPLAIN).</remarks>
    public static string TextMatch(bool postgres, string table, string parameter, bool anyWord) =>
        postgres ? $"{table}.doc @@ {TsQuery(parameter, anyWord)}" : $"{table} MATCH {parameter}";

    /// <summary>
    /// The unit path in <paramref name="column"/> lies in the subtree whose path is <paramref name="parameter"/>. SQLite
    /// compares the prefix with substr (its queue plans are pinned by hand). PostgreSQL gets a LIKE prefix, which its
    /// planner estimates from the column's statistics: from substr it guessed one unit where a province has hundreds,
    /// and sorted the whole province's cases instead of walking the order's index (README, "side by side").
    /// Paths hold only digits and slashes, so the parameter needs no LIKE escaping.
    /// </summary>
    public static string InSubtree(bool postgres, string column, string parameter) =>
        postgres ? $"{column} LIKE {parameter} || '%'" : $"substr({column}, 1, length({parameter})) = {parameter}";

    /// <summary>
    /// A match's rank, lower is better (FTS5's bm25 is negative): bm25 with the title weighted 1.5 against the body,
    /// or PostgreSQL's ts_rank negated, with the title (weight A) 1.5 times the body (weight B).
    /// PostgreSQL's rank knows no document frequencies; the candidate re-ranking that follows narrows the difference.
    /// </summary>
    public static string TextRank(this DbConnection connection, string table, string parameter, bool anyWord) =>
        connection.IsPostgres()
            ? $"-ts_rank('{{0.1, 0.2, 0.667, 1.0}}', {table}.doc, {TsQuery(parameter, anyWord)})"
            : $"bm25({table}, 1.5, 1.0)";

    private static string TsQuery(string parameter, bool anyWord) =>
        anyWord
            ? $"CAST(replace(CAST(plainto_tsquery('triage', {parameter}) AS TEXT), '&', '|') AS tsquery)"
            : $"plainto_tsquery('triage', {parameter})";
}

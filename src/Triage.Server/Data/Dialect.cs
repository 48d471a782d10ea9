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
}

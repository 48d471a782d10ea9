using System.Data.Common;
using System.Globalization;
using Dapper;
using Triage.Tests.Support;

namespace Triage.Tests.Data;

/// <summary>
/// The PostgreSQL baseline against the schema the SQLite migrations build: the same tables and columns, and the
/// same values where SQLite computes them (triggers, julianday, NOCASE lookups).
/// </summary>
public sealed class PostgresSchemaTests
{
    /// <summary>Kept on PostgreSQL in tables, on SQLite as files under keys/.</summary>
    private static readonly string[] PostgresOnlyTables = ["data_protection_keys", "desk_secrets"];

    /// <summary>SQLite's FTS5 tables, which PostgreSQL holds as a rowid column, the text columns and a tsvector.</summary>
    private static readonly string[] SearchTables = ["case_search", "library_search"];

    [PostgresFact]
    public async Task The_baseline_has_the_tables_columns_column_order_and_nullability_of_the_sqlite_schema()
    {
        await using var desk = await TestDesk.CreateAsync(seedDemo: false, sqlite: true);
        await using var postgres = await PostgresScratchDatabase.CreateAsync();
        await postgres.MigrateAsync();

        await using var sqlite = await desk.Db.OpenAsync();
        var virtualTables = (await sqlite.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")).ToList();
        var shadowTables = virtualTables.SelectMany(t => new[] { "config", "content", "data", "docsize", "idx" }.Select(s => $"{t}_{s}")).ToHashSet();
        // The migrator creates schema_migrations on either database; the migrations do not.
        var sqliteColumns = (await sqlite.QueryAsync<(string Table, string Column, long NotNull, long Pk)>("""
                SELECT m.name, p.name, p."notnull", p.pk
                FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'
                ORDER BY m.name, p.cid
                """))
            .Where(c => !shadowTables.Contains(c.Table))
            // An INTEGER PRIMARY KEY is the rowid, never null though pragma_table_info does not say so.
            .Select(c => (c.Table, c.Column, NotNull: c.NotNull == 1 || c.Pk > 0))
            .ToList();
        Assert.Equal(["case_search", "library_search"], virtualTables.Order(StringComparer.Ordinal));

        var expected = new List<string>();
        foreach (var table in sqliteColumns.GroupBy(c => c.Table))
        {
            var isSearch = SearchTables.Contains(table.Key);
            if (isSearch) expected.Add(Describe(table.Key, "rowid", true));
            expected.AddRange(table.Select(c => Describe(c.Table, c.Column, c.NotNull)));
            if (isSearch) expected.Add(Describe(table.Key, "doc", false));
        }

        await using var pg = await postgres.OpenAsync();
        var actual = (await pg.QueryAsync<(string Table, string Column, string IsNullable)>("""
                SELECT table_name, column_name, is_nullable FROM information_schema.columns
                WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
                """))
            .Where(c => !PostgresOnlyTables.Contains(c.Table))
            .Select(c => Describe(c.Table, c.Column, c.IsNullable == "NO"))
            .ToList();

        // Both lists run table by table in byte order of the name (BINARY, C collation), each table's columns in order.
        Assert.Equal(expected, actual);
        Assert.Equal(PostgresOnlyTables, await pg.QueryAsync<string>(
            "SELECT tablename FROM pg_tables WHERE tablename = ANY (@PostgresOnlyTables) ORDER BY tablename", new { PostgresOnlyTables }));
    }

    private static string Describe(string table, string column, bool notNull) => $"{table}.{column}{(notNull ? " NOT NULL" : "")}";

    /// <summary>Npgsql binds a string as text; NOCASE's columns must still match it in any case, through their index.</summary>
    [PostgresFact]
    public async Task An_email_or_unit_code_bound_as_text_finds_its_row_whatever_the_case()
    {
        await using var postgres = await PostgresScratchDatabase.CreateAsync();
        await postgres.MigrateAsync();
        await using var pg = await postgres.OpenAsync();
        await pg.ExecuteAsync("""
            INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at) VALUES (1, NULL, 'HN', 'Ha Noi', '/1/', 0, 't');
            INSERT INTO users (email, name, unit_id, security_stamp, created_at) VALUES ('Lan@Example.vn', 'Lan', 1, 's', 't');
            """);

        Assert.Equal(1, await pg.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE email = @email", new { email = "lan@EXAMPLE.VN" }));
        Assert.Equal(1, await pg.ExecuteScalarAsync<long?>("SELECT id FROM org_units WHERE code = @code", new { code = "hn" }));
        Assert.Null(await pg.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE email = @email", new { email = "lan@example.v" }));
        var plan = string.Join("\n", await pg.QueryAsync<string>(
            "EXPLAIN (COSTS OFF) SELECT id FROM users WHERE email = @email", new { email = "lan@example.vn" }));
        Assert.Contains("users_email_key", plan, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => pg.ExecuteAsync(
            "INSERT INTO users (email, name, unit_id, security_stamp, created_at) VALUES ('LAN@example.vn', 'Lan', 1, 's', 't')"));
    }

    /// <summary>PrioritySql runs unchanged on both: its julianday must give SQLite's doubles for the times the desk stores.</summary>
    [PostgresFact]
    public async Task Julianday_gives_the_doubles_sqlite_gives()
    {
        string[] times =
        [
            "2026-11-27T18:51:35.1234567Z", "2026-11-27T18:51:35.0000000Z", "2026-02-28T23:59:59.9994999Z", "2026-02-28T23:59:59.9996000Z",
            "2024-02-29T00:00:00.0005000Z", "2026-11-27 18:51:35", "2026-11-27T18:51Z", "2026-11-27", "2026-11-27T18:51:35.5+07:00",
            "1999-12-31T23:59:59.9999999Z", "not a time", "2026-13-01",
        ];
        await using var desk = await TestDesk.CreateAsync(seedDemo: false, sqlite: true);
        await using var postgres = await PostgresScratchDatabase.CreateAsync();
        await postgres.MigrateAsync();
        await using var sqlite = await desk.Db.OpenAsync();
        await using var pg = await postgres.OpenAsync();

        foreach (var time in times)
        {
            var expected = await sqlite.ExecuteScalarAsync<double?>("SELECT julianday(@time)", new { time });
            Assert.Equal((time, expected), (time, await pg.ExecuteScalarAsync<double?>("SELECT julianday(@time)", new { time })));
        }
    }

    /// <summary>
    /// The derived columns of cases (priority, reach counts, SLA clock and pending due, closed_at, erased_at) end each
    /// write as SQLite's triggers leave them, including a merge that moves two reports of a platform new to the target
    /// in one statement and a write that sets priority alone, as PriorityRefresher does.
    /// </summary>
    [PostgresFact]
    public async Task Cases_end_the_same_writes_with_the_derived_columns_sqlite_gives_them()
    {
        string[] writes =
        [
            "INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at) VALUES (1, NULL, 'R', 'R', '/1/', 0, '2026-11-01T08:00:00.0000000Z')",
            "INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at) VALUES (2, 1, 'A', 'A', '/1/2/', 1, '2026-11-01T08:00:00.0000000Z'), (3, 1, 'B', 'B', '/1/3/', 1, '2026-11-01T08:00:00.0000000Z')",
            "INSERT INTO users (email, name, unit_id, security_stamp, created_at) VALUES ('a@x.vn', 'A', 2, 's', 't'), ('b@x.vn', 'B', 3, 's', 't')",
            "INSERT INTO queues (unit_id, name, is_inbox, created_at) VALUES (1, 'Health', FALSE, 't')",
            "INSERT INTO cases (status, title, owner_unit_id, queue_id, report_count, first_reported_at, last_reported_at, created_at, updated_at) VALUES ('new', 'one', 2, 2, 1, '2026-11-01T08:00:00.1234567Z', '2026-11-01T08:00:00.1234567Z', '2026-11-01T08:00:00.1234567Z', '2026-11-01T08:00:00.1234567Z')",
            "INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, platform, submitted_at) VALUES (1, 1, 2, 'facebook', 't')",
            "INSERT INTO case_reporter_units (case_id, unit_id) VALUES (1, 2)",
            "INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, platform, submitted_at) VALUES (1, 2, 3, 'tiktok', 't'), (1, 2, 3, 'zalo', 't'), (1, 2, 3, NULL, 't')",
            "INSERT INTO case_reporter_units (case_id, unit_id) VALUES (1, 3)",
            "UPDATE cases SET report_count = 4, updated_at = '2026-11-01T13:30:00.1234567Z' WHERE id = 1",
            "UPDATE cases SET severity = 3, updated_at = '2026-11-01T14:00:00.1234567Z' WHERE id = 1",
            "UPDATE cases SET triage_due_at = '2026-11-01T18:00:00.0000000Z', response_due_at = '2026-11-02T14:00:00.0000000Z', sla_stale = FALSE WHERE id = 1",
            "UPDATE cases SET severity = 3, updated_at = '2026-11-01T14:10:00.1234567Z' WHERE id = 1",
            "UPDATE cases SET status = 'triaged', updated_at = '2026-11-01T15:00:00.1234567Z' WHERE id = 1",
            "UPDATE cases SET status = 'escalated', owner_unit_id = 1, updated_at = '2026-11-01T16:00:00.1234567Z' WHERE id = 1",
            "UPDATE cases SET queue_id = 4, priority_boost = 15, updated_at = '2026-11-01T17:00:00.1234567Z' WHERE id = 1",
            "UPDATE cases SET status = 'closed', updated_at = '2026-11-01T20:00:00.1234567Z' WHERE id = 1",
            "UPDATE cases SET erased_at = '2026-11-01T21:00:00.0000000Z' WHERE id = 1",
            "UPDATE cases SET status = 'new', updated_at = '2026-11-01T22:00:00.1234567Z' WHERE id = 1",
            "INSERT INTO cases (status, title, owner_unit_id, queue_id, report_count, severity, first_reported_at, last_reported_at, created_at, updated_at) VALUES ('new', 'two', 3, 3, 3, 2, '2026-10-01T08:00:00.0000000Z', '2026-10-01T08:00:00.0000000Z', '2026-10-01T08:00:00.0000000Z', '2026-11-01T08:00:00.0000000Z')",
            "INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, platform, submitted_at) VALUES (2, 2, 3, 'youtube', 't'), (2, 2, 3, 'youtube', 't'), (2, 2, 3, 'facebook', 't')",
            "INSERT INTO case_reporter_units (case_id, unit_id) VALUES (2, 3)",
            "UPDATE cases SET report_count = report_count + 3, updated_at = '2026-11-01T23:00:00.1234567Z' WHERE id = 1",
            "UPDATE reports SET case_id = 1 WHERE case_id = 2",
            "DELETE FROM case_reporter_units WHERE case_id = 2",
            "UPDATE cases SET status = 'merged', merged_into_case_id = 1, report_count = 0, updated_at = '2026-11-01T23:00:00.1234567Z' WHERE id = 2",
            "UPDATE reports SET case_id = 2 WHERE case_id = 1 AND platform = 'youtube'",
            "DELETE FROM reports WHERE case_id = 1 AND platform = 'tiktok'",
            "UPDATE cases SET priority = 999 WHERE id = 2",
            "UPDATE cases SET updated_at = '2026-12-20T08:00:00.0000000Z' WHERE id = 1",
        ];
        await using var desk = await TestDesk.CreateAsync(seedDemo: false, sqlite: true);
        await using var postgres = await PostgresScratchDatabase.CreateAsync();
        await postgres.MigrateAsync();
        await using var sqlite = await desk.Db.OpenAsync();
        await using var pg = await postgres.OpenAsync();

        foreach (var write in writes)
        {
            await sqlite.ExecuteAsync(write);
            await pg.ExecuteAsync(write);
            Assert.Equal((write, await CasesAsync(sqlite)), (write, await CasesAsync(pg)));
        }
    }

    /// <summary>Every column of every case as text, the flags as SQLite's 0/1.</summary>
    private static async Task<string> CasesAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync("SELECT * FROM cases ORDER BY id");
        return string.Join("\n", rows.Select(row => string.Join(", ", ((IDictionary<string, object?>)row).Select(column =>
            $"{column.Key}={column.Value switch { null => "null", bool b => b ? "1" : "0", var v => Convert.ToString(v, CultureInfo.InvariantCulture) }}"))));
    }
}

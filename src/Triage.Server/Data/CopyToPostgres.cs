using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Triage.Server.Audit;

namespace Triage.Server.Data;

/// <summary>Why the copy did not happen or did not finish; the message says what, if anything, was written.</summary>
public sealed class CopyToPostgresException(string message, Exception? inner = null) : Exception(message, inner);

public sealed record CopiedTable(string Name, long Rows);

public sealed record CopySummary(string Target, IReadOnlyList<CopiedTable> Tables, int DataProtectionKeys, bool PseudonymKey, TimeSpan Elapsed)
{
    public long Rows => Tables.Sum(t => t.Rows);
}

/// <summary>
/// The <c>db copy-to-postgres</c> verb: moves a SQLite desk into an empty PostgreSQL database. Every row goes across as
/// it is, derived columns included (the triggers that compute them are off during the copy, or they would recompute
/// and rewrite what the desk stored), with the ids it has, so the audit chain, which hashes the ids and the stored
/// text, verifies on the target. The whole copy is one transaction: the target ends with every row or none.
/// </summary>
public sealed class CopyToPostgres(Db source, IOptions<DeskOptions> options, TimeProvider clock, ILoggerFactory logs)
{
    /// <summary>The migrator journals itself; FTS5 keeps its index in shadow tables the copy rebuilds as tsvectors.</summary>
    private static readonly string[] Fts5ShadowSuffixes = ["config", "content", "data", "docsize", "idx"];

    private const string PseudonymKeyFile = "export-pseudonyms.key";
    public const string PseudonymSecretName = "export-pseudonyms";

    public async Task<CopySummary> RunAsync(string targetConnectionString, CancellationToken ct = default)
    {
        RefuseNonSqliteSource(source);
        var stopwatch = Stopwatch.StartNew();
        await using var target = OpenTarget(targetConnectionString);

        await RefuseSourceWithBrokenChainAsync(ct);
        await RefuseUnfitTargetAsync(target, ct);
        new Migrator(target, clock, logs.CreateLogger<Migrator>()).Migrate();

        await using var sqlite = (SqliteConnection)await source.OpenAsync(ct);
        // One read snapshot of the source: the counts compared at the end are those of the rows copied.
        await using var snapshot = (SqliteTransaction)await sqlite.BeginTransactionAsync(ct);
        await using var pg = (NpgsqlConnection)await target.OpenAsync(ct);
        // The data source learnt the database's types before the migration created citext.
        await pg.ReloadTypesAsync(ct);
        await using var tx = await pg.BeginTransactionAsync(ct);
        var copied = new List<CopiedTable>();
        string? table = null;
        try
        {
            // Replica mode skips user triggers and the foreign-key checks, so tables go in any order and derived
            // columns (priority, SLA times, counts) keep the values the desk computed.
            await pg.ExecuteAsync("SET LOCAL session_replication_role = replica", transaction: tx);
            foreach (var sourceTable in await SourceTablesAsync(sqlite, snapshot))
            {
                table = sourceTable.Name;
                var columns = await TargetColumnsAsync(pg, tx, sourceTable);
                var rows = await CopyTableAsync(sqlite, snapshot, pg, sourceTable, columns, ct);
                copied.Add(new CopiedTable(sourceTable.Name, rows));
            }
            table = null;
            var keys = await CopyDataProtectionKeysAsync(pg, tx, ct);
            var pseudonymKey = await CopyPseudonymKeyAsync(pg, tx, ct);
            await pg.ExecuteAsync("SET LOCAL session_replication_role = origin", transaction: tx);
            await ContinueIdentitiesAsync(pg, tx);
            await CompareCountsAsync(sqlite, snapshot, pg, tx, copied);
            var chain = AuditTrail.Verify(pg, ct);
            if (!chain.Intact)
                throw new CopyToPostgresException(
                    $"The audit chain does not verify on the target (event {chain.FirstBrokenEventId}: {chain.Reason}). {RolledBack}");
            await tx.CommitAsync(ct);
            return new CopySummary(target.Description, copied, keys, pseudonymKey, stopwatch.Elapsed);
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException or InvalidCastException or FormatException or OverflowException)
        {
            var reason = e is PostgresException p ? p.MessageText : e.Message;
            throw new CopyToPostgresException(
                (table is null ? "Finishing the copy failed: " : $"Copying table {table} failed: ") + $"{reason.TrimEnd('.')}. {RolledBack}", e);
        }
    }

    public static void RefuseNonSqliteSource(Db source)
    {
        if (source.IsPostgres)
            throw new CopyToPostgresException(
                $"The configured desk is already on PostgreSQL ({source.Description}); copy-to-postgres copies a SQLite desk. " +
                "Run it with Triage:Database:Provider=sqlite and the data directory that holds triage.db. Nothing was written.");
    }

    private const string RolledBack =
        "The copy was rolled back: the target holds the desk's empty schema and no rows. " +
        "Drop and re-create the database before running copy-to-postgres again.";

    private Db OpenTarget(string connectionString)
    {
        try
        {
            return new Db(Options.Create(new DeskOptions
            {
                DataDirectory = options.Value.DataDirectory,
                Database = new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = connectionString },
            }));
        }
        catch (StartupException e)
        {
            throw new CopyToPostgresException($"--connection cannot be read: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>A chain already broken would fail the check at the end; saying so first leaves the target untouched.</summary>
    private async Task RefuseSourceWithBrokenChainAsync(CancellationToken ct)
    {
        await using var connection = await source.OpenAsync(ct);
        var chain = AuditTrail.Verify(connection, ct);
        if (!chain.Intact)
            throw new CopyToPostgresException(
                $"The audit chain of {source.Description} is broken at event {chain.FirstBrokenEventId} ({chain.Reason}); " +
                "a copy could not verify either. Nothing was written.");
    }

    /// <summary>Every check that needs no write, so a refusal leaves the target as it was.</summary>
    private static async Task RefuseUnfitTargetAsync(Db target, CancellationToken ct)
    {
        NpgsqlConnection pg;
        try
        {
            pg = (NpgsqlConnection)await target.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or TimeoutException)
        {
            throw new CopyToPostgresException($"The {target.Description} cannot be reached: {e.Message}", e);
        }
        await using (pg)
        {
            var tables = (await pg.QueryAsync<string>("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                ORDER BY 1
                """)).ToList();
            if (tables.Count > 0)
                throw new CopyToPostgresException(
                    $"The {target.Description} is not empty: it has {tables.Count} table(s) ({string.Join(", ", tables.Take(5))}" +
                    $"{(tables.Count > 5 ? ", …" : "")}). copy-to-postgres only fills a new, empty database. Nothing was written.");
            try
            {
                Migrator.RefuseNonByteCollation(pg, target.Description);
            }
            catch (StartupException e)
            {
                throw new CopyToPostgresException($"{e.Message} Nothing was written.", e);
            }
            await using var probe = await pg.BeginTransactionAsync(ct);
            try
            {
                await pg.ExecuteAsync("SET LOCAL session_replication_role = replica", transaction: probe);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                var role = new NpgsqlConnectionStringBuilder(pg.ConnectionString).Username;
                throw new CopyToPostgresException(
                    $"The role {role} may not set session_replication_role, which the copy needs to keep the desk's own values " +
                    "instead of letting triggers recompute them: connect as a superuser for the copy " +
                    $"(or, on PostgreSQL 15 and later, GRANT SET ON PARAMETER session_replication_role TO {role}). Nothing was written.", e);
            }
            await probe.RollbackAsync(ct);
        }
    }

    private sealed record SourceTable(string Name, bool IsFts5, IReadOnlyList<string> Columns);

    private sealed record TargetColumn(string Name, NpgsqlDbType Type);

    private static async Task<List<SourceTable>> SourceTablesAsync(SqliteConnection sqlite, SqliteTransaction snapshot)
    {
        var tables = (await sqlite.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
            transaction: snapshot)).ToList();
        var fts5 = tables.Where(t => t.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToHashSet();
        var shadows = fts5.SelectMany(t => Fts5ShadowSuffixes.Select(s => $"{t}_{s}")).ToHashSet();
        var result = new List<SourceTable>();
        foreach (var (name, _) in tables.Where(t => !shadows.Contains(t.Name)))
        {
            var columns = (await sqlite.QueryAsync<string>("SELECT name FROM pragma_table_info(@name) ORDER BY cid", new { name }, snapshot)).ToList();
            // An FTS5 table's rowid is the case's or message's id, which PostgreSQL keeps as a column of that name.
            if (fts5.Contains(name)) columns.Insert(0, "rowid");
            result.Add(new SourceTable(name, fts5.Contains(name), columns));
        }
        return result;
    }

    /// <summary>The target's columns in the source's order; generated ones (the search tables' doc) are left to PostgreSQL.</summary>
    private static async Task<List<TargetColumn>> TargetColumnsAsync(NpgsqlConnection pg, NpgsqlTransaction tx, SourceTable table)
    {
        var target = (await pg.QueryAsync<(string Name, string Udt)>("""
                SELECT column_name, udt_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = @Name AND is_generated = 'NEVER'
                """, new { table.Name }, tx))
            .ToDictionary(c => c.Name, c => c.Udt);
        if (target.Count == 0)
            throw new CopyToPostgresException($"The target has no table {table.Name}: this build's schemas differ. {RolledBack}");
        var missing = table.Columns.Where(c => !target.ContainsKey(c)).Concat(target.Keys.Where(c => !table.Columns.Contains(c))).ToList();
        if (missing.Count > 0)
            throw new CopyToPostgresException(
                $"Table {table.Name} has column(s) {string.Join(", ", missing)} on one engine only: this build's schemas differ. {RolledBack}");
        return table.Columns.Select(c => new TargetColumn(c, target[c] switch
        {
            "int8" => NpgsqlDbType.Bigint,
            "text" => NpgsqlDbType.Text,
            "citext" => NpgsqlDbType.Citext,
            "bool" => NpgsqlDbType.Boolean,
            "float8" => NpgsqlDbType.Double,
            "bytea" => NpgsqlDbType.Bytea,
            var other => throw new CopyToPostgresException($"Column {table.Name}.{c} has type {other}, which the copy does not convert. {RolledBack}"),
        })).ToList();
    }

    private static async Task<long> CopyTableAsync(SqliteConnection sqlite, SqliteTransaction snapshot, NpgsqlConnection pg,
        SourceTable table, IReadOnlyList<TargetColumn> columns, CancellationToken ct)
    {
        var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
        await using var read = sqlite.CreateCommand();
        read.Transaction = snapshot;
        // rowid unquoted: quoted it would name a column, and an FTS5 table has none of that name.
        read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => table.IsFts5 && c.Name == "rowid" ? "rowid" : Quote(c.Name)))} FROM {Quote(table.Name)}";
        await using var reader = await read.ExecuteReaderAsync(ct);
        await using var writer = await pg.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({list}) FROM STDIN (FORMAT BINARY)", ct);
        while (await reader.ReadAsync(ct))
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (reader.IsDBNull(i))
                {
                    await writer.WriteNullAsync(ct);
                    continue;
                }
                var value = reader.GetValue(i);
                switch (columns[i].Type)
                {
                    case NpgsqlDbType.Bigint:
                        await writer.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, ct);
                        break;
                    case NpgsqlDbType.Boolean:
                        // SQLite's flags are 0 and 1; like SQLite, anything but zero is true.
                        await writer.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean, ct);
                        break;
                    case NpgsqlDbType.Double:
                        await writer.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, ct);
                        break;
                    case NpgsqlDbType.Bytea:
                        await writer.WriteAsync(value as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!), NpgsqlDbType.Bytea, ct);
                        break;
                    default:
                        await writer.WriteAsync(value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture)!, columns[i].Type, ct);
                        break;
                }
            }
        }
        return (long)await writer.CompleteAsync(ct);
    }

    /// <summary>
    /// The key ring ASP.NET Core Data Protection keeps under keys/ (FileSystemXmlRepository: one "&lt;friendly name&gt;.xml"
    /// per key). Two-factor secrets are encrypted under it: a PostgreSQL desk without it could not read them.
    /// </summary>
    private async Task<int> CopyDataProtectionKeysAsync(NpgsqlConnection pg, NpgsqlTransaction tx, CancellationToken ct)
    {
        var directory = new DirectoryInfo(options.Value.KeysDirectory);
        if (!directory.Exists) return 0;
        var count = 0;
        foreach (var file in directory.EnumerateFiles("*.xml").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file.FullName, ct);
            XElement element;
            try
            {
                element = XElement.Parse(xml);
            }
            catch (System.Xml.XmlException e)
            {
                throw new CopyToPostgresException($"{file.FullName} is not a Data Protection key ({e.Message}). {RolledBack}", e);
            }
            var created = DateTimeOffset.TryParse((string?)element.Element("creationDate"), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : new DateTimeOffset(file.LastWriteTimeUtc);
            await pg.ExecuteAsync(
                "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @created)",
                new { name = Path.GetFileNameWithoutExtension(file.Name), xml, created = DapperSetup.Format(created) }, tx);
            count++;
        }
        return count;
    }

    /// <summary>The HMAC key of export pseudonyms (ReporterPseudonyms): without it the same reporter would read differently.</summary>
    private async Task<bool> CopyPseudonymKeyAsync(NpgsqlConnection pg, NpgsqlTransaction tx, CancellationToken ct)
    {
        var file = new FileInfo(Path.Combine(options.Value.KeysDirectory, PseudonymKeyFile));
        if (!file.Exists) return false;
        await pg.ExecuteAsync(
            "INSERT INTO desk_secrets (name, value, created_at) VALUES (@name, @value, @created)",
            new { name = PseudonymSecretName, value = await File.ReadAllBytesAsync(file.FullName, ct), created = DapperSetup.Format(new DateTimeOffset(file.LastWriteTimeUtc)) },
            tx);
        return true;
    }

    /// <summary>The copy kept the ids; each identity must now hand out the next one after them.</summary>
    private static async Task ContinueIdentitiesAsync(NpgsqlConnection pg, NpgsqlTransaction tx)
    {
        var identities = await pg.QueryAsync<(string Table, string Column)>("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES'
            """, transaction: tx);
        foreach (var (table, column) in identities)
            await pg.ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), coalesce(max({Quote(column)}), 0) + 1, false) FROM {Quote(table)}",
                new { table = Quote(table), column }, tx);
    }

    private static async Task CompareCountsAsync(SqliteConnection sqlite, SqliteTransaction snapshot, NpgsqlConnection pg,
        NpgsqlTransaction tx, IReadOnlyList<CopiedTable> copied)
    {
        foreach (var table in copied)
        {
            var inSource = await sqlite.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Quote(table.Name)}", transaction: snapshot);
            var inTarget = await pg.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Quote(table.Name)}", transaction: tx);
            if (inSource != inTarget)
                throw new CopyToPostgresException(
                    $"Table {table.Name} has {inSource} rows in the source but {inTarget} in the target. {RolledBack}");
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

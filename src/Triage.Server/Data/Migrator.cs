using System.Data.Common;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Triage.Server.Data;

/// <summary>
/// Brings the database to this build's schema at start, or refuses to start with a reason:
/// it never overwrites a file that is not a desk database, and never runs against a schema
/// it does not know.
/// </summary>
public sealed class Migrator(Db db, TimeProvider clock, ILogger<Migrator> logger)
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    public bool Completed { get; private set; }

    /// <summary>This build's migrations for the configured engine.</summary>
    public IReadOnlyList<Migration> Embedded => Migration.Embedded(db.IsPostgres ? "Postgres" : "Sqlite");

    public void Migrate() => Migrate(Embedded);

    public void Migrate(IReadOnlyList<Migration> migrations)
    {
        if (db.IsPostgres)
        {
            using var pg = OpenPostgres();
            // Two servers starting together: the second waits here and then finds nothing left to apply.
            pg.Execute("SELECT pg_advisory_lock(@MigrationLockKey)", new { MigrationLockKey });
            try
            {
                RefuseNonByteCollation(pg, db.Description);
                // Npgsql learnt the database's types when the data source first connected, before a migration could
                // create citext: without a reload, reading users.email fails until the process restarts.
                if (Apply(pg, migrations, "bigint") > 0) ((Npgsql.NpgsqlConnection)pg).ReloadTypes();
            }
            finally
            {
                pg.Execute("SELECT pg_advisory_unlock(@MigrationLockKey)", new { MigrationLockKey });
            }
        }
        else
        {
            EnsureDataDirectory(Path.GetDirectoryName(db.DatabasePath)!);
            RefuseForeignFile(db.DatabasePath);
            using var connection = OpenChecked();
            connection.Execute("PRAGMA journal_mode = WAL;");
            Apply(connection, migrations, "INTEGER");
        }
        Completed = true;
    }

    /// <summary>Below <see cref="WriteTransactions.WriteLockKey"/> and the job leases, so no lock waits on itself.</summary>
    private const long MigrationLockKey = 0x7472_6961_6700;

    /// <returns>How many migrations were applied now.</returns>
    private int Apply(DbConnection connection, IReadOnlyList<Migration> migrations, string integer)
    {
        connection.Execute($"""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                id {integer} PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL)
            """);

        var applied = connection.Query<(long Id, string Name, string Checksum)>(
            "SELECT id, name, checksum FROM schema_migrations ORDER BY id").ToList();
        var known = migrations.ToDictionary(m => m.Id);
        foreach (var (id, name, checksum) in applied)
        {
            if (!known.TryGetValue((int)id, out var migration))
                throw new StartupException(
                    $"The database at {db.Description} has migration {id:0000}_{name}, which this build does not know: " +
                    "its schema is newer than the code. Run a newer build of Triage; nothing was changed.");
            if (migration.Checksum != checksum)
                throw new StartupException(
                    $"Migration {id:0000}_{name} was edited after it was applied to {db.Description} " +
                    $"(journalled checksum {checksum[..12]}…, file now {migration.Checksum[..12]}…). " +
                    "Applied migrations are append-only: restore the original file and put the change in a new migration.");
        }

        var appliedIds = applied.Select(a => (int)a.Id).ToHashSet();
        var count = 0;
        foreach (var migration in migrations.Where(m => !appliedIds.Contains(m.Id)))
        {
            count++;
            using var tx = connection.BeginTransaction();
            connection.Execute(migration.Sql, transaction: tx);
            connection.Execute(
                "INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (@Id, @Name, @Checksum, @At)",
                new { migration.Id, migration.Name, migration.Checksum, At = DapperSetup.Format(clock.GetUtcNow()) }, tx);
            tx.Commit();
            logger.LogInformation("Applied migration {Id:0000}_{Name}", migration.Id, migration.Name);
        }
        return count;
    }

    /// <summary>
    /// The desk orders by byte: unit paths ('/' before digits), "no due date" as '~' after every time, names as
    /// SQLite orders them. A linguistic collation would quietly reorder queues and subtree ranges. From PostgreSQL 15 a
    /// database may take its default collation from ICU, and then datcollate (still C) no longer says how text sorts.
    /// </summary>
    internal static void RefuseNonByteCollation(DbConnection connection, string description)
    {
        var icu = connection.ExecuteScalar<int>("SELECT current_setting('server_version_num')::int") >= 150000
            && connection.ExecuteScalar<string>("SELECT datlocprovider::text FROM pg_database WHERE datname = current_database()") == "i";
        var collation = icu ? "ICU" : connection.ExecuteScalar<string>("SELECT datcollate FROM pg_database WHERE datname = current_database()") ?? "";
        if (icu || collation is not ("C" or "POSIX" or "C.UTF-8" or "C.utf8"))
            throw new StartupException(
                $"The {description} uses collation '{collation}'; Triage needs byte order. " +
                "Create the database with: CREATE DATABASE triage TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'.");
    }

    private DbConnection OpenPostgres()
    {
        try
        {
            return db.Open();
        }
        catch (Exception e) when (e is DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new StartupException($"The {db.Description} cannot be reached: {e.Message}", e);
        }
    }

    private static void EnsureDataDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StartupException(
                $"The data directory {directory} cannot be created or written ({e.Message}). " +
                "Set Triage:DataDirectory (env Triage__DataDirectory) to a writable folder.", e);
        }
    }

    private static void RefuseForeignFile(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length == 0) return;
        var header = new byte[SqliteHeader.Length];
        using (var stream = file.OpenRead())
            stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (!header.AsSpan().SequenceEqual(SqliteHeader))
            throw new StartupException(
                $"{path} exists but is not a SQLite database. Triage will not touch it: " +
                "move it away or point Triage:DataDirectory elsewhere.");
    }

    private DbConnection OpenChecked()
    {
        try
        {
            var connection = db.Open();
            connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master");
            return connection;
        }
        catch (SqliteException e)
        {
            throw new StartupException($"{db.DatabasePath} cannot be opened as a SQLite database: {e.Message}", e);
        }
    }
}

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

    public void Migrate(IReadOnlyList<Migration> migrations)
    {
        EnsureDataDirectory(Path.GetDirectoryName(db.DatabasePath)!);
        RefuseForeignFile(db.DatabasePath);

        using var connection = OpenChecked();
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                id INTEGER PRIMARY KEY,
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
                    $"The database at {db.DatabasePath} has migration {id:0000}_{name}, which this build does not know: " +
                    "its schema is newer than the code. Run a newer build of Triage; nothing was changed.");
            if (migration.Checksum != checksum)
                throw new StartupException(
                    $"Migration {id:0000}_{name} was edited after it was applied to {db.DatabasePath} " +
                    $"(journalled checksum {checksum[..12]}…, file now {migration.Checksum[..12]}…). " +
                    "Applied migrations are append-only: restore the original file and put the change in a new migration.");
        }

        var appliedIds = applied.Select(a => (int)a.Id).ToHashSet();
        foreach (var migration in migrations.Where(m => !appliedIds.Contains(m.Id)))
        {
            using var tx = connection.BeginTransaction();
            connection.Execute(migration.Sql, transaction: tx);
            connection.Execute(
                "INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (@Id, @Name, @Checksum, @At)",
                new { migration.Id, migration.Name, migration.Checksum, At = DapperSetup.Format(clock.GetUtcNow()) }, tx);
            tx.Commit();
            logger.LogInformation("Applied migration {Id:0000}_{Name}", migration.Id, migration.Name);
        }
        Completed = true;
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

    private SqliteConnection OpenChecked()
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

using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Triage.Server.Data;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    private static Migrator MigratorAt(string directory) =>
        new(new Db(Options.Create(new DeskOptions { DataDirectory = directory })), TimeProvider.System, NullLogger<Migrator>.Instance);

    private static readonly Migration First = new(1, "first", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
    private static readonly Migration Second = new(2, "second", "CREATE TABLE b (id INTEGER PRIMARY KEY);");

    [SqliteFact]
    public void The_embedded_migrations_apply_to_an_empty_directory_and_are_journalled()
    {
        MigratorAt(_directory).Migrate(Migration.Embedded());

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "triage.db")}");
        var journal = connection.Query<(long Id, string Checksum)>("SELECT id, checksum FROM schema_migrations").ToList();
        Assert.Equal(Migration.Embedded().Select(m => (long)m.Id), journal.Select(j => j.Id));
        Assert.All(journal, j => Assert.Equal(64, j.Checksum.Length));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    [SqliteFact]
    public void Applying_twice_changes_nothing()
    {
        MigratorAt(_directory).Migrate([First, Second]);
        MigratorAt(_directory).Migrate([First, Second]);

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "triage.db")}");
        Assert.Equal(2, connection.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations"));
    }

    [SqliteFact]
    public void An_edited_migration_that_was_already_applied_stops_the_start()
    {
        MigratorAt(_directory).Migrate([First]);
        var edited = First with { Sql = "CREATE TABLE a (id INTEGER PRIMARY KEY, extra TEXT);" };

        var e = Assert.Throws<StartupException>(() => MigratorAt(_directory).Migrate([edited, Second]));

        Assert.Contains("0001_first was edited", e.Message);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "triage.db")}");
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'b'"));
    }

    [SqliteFact]
    public void A_line_ending_change_is_not_an_edit()
    {
        MigratorAt(_directory).Migrate([First with { Sql = "CREATE TABLE a (id INTEGER PRIMARY KEY);\n" }]);
        MigratorAt(_directory).Migrate([First with { Sql = "CREATE TABLE a (id INTEGER PRIMARY KEY);\r\n" }]);
    }

    [SqliteFact]
    public void A_schema_newer_than_the_code_stops_the_start()
    {
        MigratorAt(_directory).Migrate([First, Second]);

        var e = Assert.Throws<StartupException>(() => MigratorAt(_directory).Migrate([First]));

        Assert.Contains("newer than the code", e.Message);
    }

    [SqliteFact]
    public void A_file_that_is_not_SQLite_is_refused_and_left_untouched()
    {
        var path = Path.Combine(_directory, "triage.db");
        File.WriteAllText(path, "these are somebody's notes, not a database");

        var e = Assert.Throws<StartupException>(() => MigratorAt(_directory).Migrate(Migration.Embedded()));

        Assert.Contains("not a SQLite database", e.Message);
        Assert.Equal("these are somebody's notes, not a database", File.ReadAllText(path));
    }

    [SqliteFact]
    public void A_data_directory_that_cannot_be_created_stops_the_start_with_its_path()
    {
        var blocker = Path.Combine(_directory, "a-file");
        File.WriteAllText(blocker, "");
        var impossible = Path.Combine(blocker, "data");

        var e = Assert.Throws<StartupException>(() => MigratorAt(impossible).Migrate(Migration.Embedded()));

        Assert.Contains(impossible, e.Message);
    }

    [SqliteFact]
    public void A_failing_migration_leaves_no_half_applied_schema()
    {
        var broken = new Migration(2, "broken", "CREATE TABLE c (id INTEGER); THIS IS NOT SQL;");

        Assert.ThrowsAny<SqliteException>(() => MigratorAt(_directory).Migrate([First, broken]));

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "triage.db")}");
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'c'"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }
}

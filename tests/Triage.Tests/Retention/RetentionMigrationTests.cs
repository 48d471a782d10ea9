using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Triage.Server.Data;
using Triage.Tests.Support;

namespace Triage.Tests.Retention;

public sealed class RetentionMigrationTests : IDisposable
{
    private const string Early = "2026-01-01T00:00:00.0000000Z";
    private const string Closed = "2026-02-01T00:00:00.0000000Z";
    private const string Touched = "2026-03-01T00:00:00.0000000Z";
    private readonly string _directory = TempDirectory.Create();

    private Migrator Migrator() =>
        new(new Db(Options.Create(new DeskOptions { DataDirectory = _directory })), TimeProvider.System, NullLogger<Migrator>.Instance);

    private SqliteConnection Open() => new($"Data Source={Path.Combine(_directory, "triage.db")}");

    [SqliteFact]
    public void Cases_finished_before_the_migration_get_their_last_closing_time_or_else_their_last_write_and_open_ones_none()
    {
        Migrator().Migrate(Migration.Embedded().Where(m => m.Id < 26).ToList());
        using (var connection = Open())
        {
            connection.Execute($"""
                INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at) VALUES (1, NULL, 'P', 'P', '/1/', 0, '{Early}');
                INSERT INTO cases (id, status, title, owner_unit_id, queue_id, first_reported_at, last_reported_at, created_at, updated_at)
                VALUES (1, 'closed', 'closed, audited', 1, (SELECT id FROM queues WHERE unit_id = 1), '{Early}', '{Early}', '{Early}', '{Touched}'),
                       (2, 'dismissed', 'dismissed, no event', 1, (SELECT id FROM queues WHERE unit_id = 1), '{Early}', '{Early}', '{Early}', '{Touched}'),
                       (3, 'triaged', 'open', 1, (SELECT id FROM queues WHERE unit_id = 1), '{Early}', '{Early}', '{Early}', '{Touched}');
                INSERT INTO audit_events (id, occurred_at, actor, action, entity_type, entity_id, data, prev_hash, hash) VALUES
                    (1, '{Early}', 'r@x', 'CloseCase', 'case', '1', '-', 'p', 'h1'),
                    (2, '{Closed}', 'r@x', 'CloseCase', 'case', '1', '-', 'h1', 'h2'),
                    (3, '{Closed}', 'r@x', 'ClassifyCase', 'case', '2', '-', 'h2', 'h3');
                """);
        }
        SqliteConnection.ClearAllPools();

        Migrator().Migrate(Migration.Embedded());

        using var migrated = Open();
        Assert.Equal(new (long, string?, string?)[] { (1, Closed, null), (2, Touched, null), (3, null, null) },
            migrated.Query<(long, string?, string?)>("SELECT id, closed_at, erased_at FROM cases ORDER BY id"));

        // From here on the trigger keeps it: a reopening clears it, a closing sets the closing write's time.
        migrated.Execute("UPDATE cases SET status = 'triaged', updated_at = '2026-04-01T00:00:00.0000000Z' WHERE id = 1");
        migrated.Execute("UPDATE cases SET status = 'dismissed', updated_at = '2026-05-01T00:00:00.0000000Z' WHERE id = 3");
        migrated.Execute("UPDATE cases SET title = 'renamed', updated_at = '2026-06-01T00:00:00.0000000Z' WHERE id = 3");
        Assert.Equal(new (long, string?)[] { (1, null), (2, Touched), (3, "2026-05-01T00:00:00.0000000Z") },
            migrated.Query<(long, string?)>("SELECT id, closed_at FROM cases ORDER BY id"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }
}

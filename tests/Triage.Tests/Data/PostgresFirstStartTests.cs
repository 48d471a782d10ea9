using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Triage.Server.Data;
using Triage.Tests.Support;

namespace Triage.Tests.Data;

/// <summary>The first server start on an empty PostgreSQL database: migrate, then use the same data source at once.</summary>
public sealed class PostgresFirstStartTests
{
    [PostgresFact]
    public async Task A_desk_migrated_by_its_own_data_source_reads_the_case_insensitive_email_column_at_once()
    {
        await using var scratch = await PostgresScratchDatabase.CreateAsync();
        await using var db = new Db(Options.Create(new DeskOptions
        {
            DataDirectory = Path.GetTempPath(),
            Database = new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = scratch.ConnectionString },
        }));
        // The data source meets the database before citext exists, as a first start does.
        await using (var early = await db.OpenAsync()) await early.ExecuteScalarAsync<long>("SELECT 1");

        new Migrator(db, TimeProvider.System, NullLogger<Migrator>.Instance).Migrate();

        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at) VALUES (1, NULL, 'ORG', 'Org', '/1/', 0, '2026-11-27 00:00:00+00:00');
            INSERT INTO users (email, name, unit_id, security_stamp, created_at) VALUES ('Lan@Example.org', 'Lan', 1, 's', '2026-11-27 00:00:00+00:00');
            """);
        Assert.Equal("Lan@Example.org", await connection.ExecuteScalarAsync<string>("SELECT email FROM users WHERE email = @email", new { email = "lan@example.org" }));
    }
}

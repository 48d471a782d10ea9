using Dapper;
using Npgsql;
using Triage.Server.Data;

namespace Triage.Tests.Support;

/// <summary>
/// A database of its own on the server TRIAGE_TEST_POSTGRES names, created as a desk's must be (UTF-8, C collation,
/// so text sorts byte by byte as SQLite's does) and dropped when disposed.
/// </summary>
public sealed class PostgresScratchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private PostgresScratchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<PostgresScratchDatabase> CreateAsync()
    {
        var server = PostgresFactAttribute.ConnectionString
            ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} is not set.");
        var database = new PostgresScratchDatabase(server, $"triage_test_{Guid.NewGuid():N}");
        await using var connection = new NpgsqlConnection(server);
        await connection.ExecuteAsync(
            $"CREATE DATABASE {database.Name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return database;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Applies the embedded PostgreSQL migrations, each in its own transaction, as the migrator does.</summary>
    public async Task MigrateAsync()
    {
        await using var connection = await OpenAsync();
        foreach (var migration in Migration.Embedded("Postgres"))
        {
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(migration.Sql, transaction: tx);
            await tx.CommitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections to the scratch database would hold it open; FORCE ends any the pool does not own.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}

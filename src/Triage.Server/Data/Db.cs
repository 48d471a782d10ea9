using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Triage.Server.Data;

/// <summary>
/// Opens connections to the desk's SQLite file. A singleton that holds no connection:
/// each Send opens its own, because a Blazor circuit's scope lives for hours.
/// </summary>
public sealed class Db
{
    private readonly string _connectionString;

    public Db(IOptions<DeskOptions> options)
    {
        DatabasePath = options.Value.DatabasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // NORMAL under WAL survives a process crash; the busy timeout lets writers queue instead of failing.
        await connection.ExecuteAsync("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        return connection;
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        return connection;
    }
}

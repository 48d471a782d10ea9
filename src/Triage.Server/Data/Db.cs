using System.Data.Common;
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

    /// <summary>
    /// NORMAL under WAL survives a process crash (FULL is for power loss); the busy timeout lets writers
    /// queue instead of failing; a larger checkpoint interval and page cache keep intake's random index
    /// writes from paying a checkpoint every few reports; reads go through the OS page cache by mmap.
    /// </summary>
    private const string Pragmas =
        "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 10000; " +
        "PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456;";

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(Pragmas);
        return connection;
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(Pragmas);
        return connection;
    }
}

public static class WriteTransactions
{
    /// <summary>
    /// A transaction that takes the write lock when it starts (SQLite's BEGIN IMMEDIATE): two writers queue at the
    /// start instead of one failing at its first write after both have read.
    /// </summary>
    public static DbTransaction BeginWrite(this DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction();
}

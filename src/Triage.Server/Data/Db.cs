using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Triage.Server.Data;

/// <summary>
/// Opens connections to the desk's database: the SQLite file under the data directory, or PostgreSQL when
/// <c>Triage:Database:Provider</c> is <c>postgres</c>. A singleton that holds no connection: each Send opens its own,
/// because a Blazor circuit's scope lives for hours.
/// </summary>
public sealed class Db : IAsyncDisposable
{
    private readonly string _sqlite = "";
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _postgresSession = "";

    public Db(IOptions<DeskOptions> options)
    {
        var desk = options.Value;
        DatabasePath = desk.DatabasePath;
        switch (desk.Database.Provider.Trim().ToLowerInvariant())
        {
            case DatabaseOptions.Sqlite:
                _sqlite = new SqliteConnectionStringBuilder
                {
                    DataSource = DatabasePath,
                    Mode = SqliteOpenMode.ReadWriteCreate,
                    Cache = SqliteCacheMode.Private,
                    Pooling = true,
                    ForeignKeys = true,
                    DefaultTimeout = 30,
                }.ToString();
                Description = DatabasePath;
                break;
            case DatabaseOptions.Postgres:
                if (string.IsNullOrWhiteSpace(desk.Database.ConnectionString))
                    throw new StartupException(
                        "Triage:Database:Provider is postgres but Triage:Database:ConnectionString is empty " +
                        "(env Triage__Database__ConnectionString, e.g. Host=db;Database=triage;Username=triage;Password=…).");
                NpgsqlConnectionStringBuilder builder;
                try
                {
                    builder = new NpgsqlConnectionStringBuilder(desk.Database.ConnectionString);
                }
                catch (ArgumentException e)
                {
                    throw new StartupException($"Triage:Database:ConnectionString cannot be read: {e.Message}", e);
                }
                // A server killed mid-lease must let go of its advisory locks soon: keepalives end a dead peer's session.
                if (builder.KeepAlive == 0) builder.KeepAlive = 10;
                _postgres = NpgsqlDataSource.Create(builder);
                // Outside the pool: a pooled connection goes back still holding its session's advisory locks.
                _postgresSession = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false }.ConnectionString;
                IsPostgres = true;
                Description = $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
                break;
            default:
                throw new StartupException(
                    $"Triage:Database:Provider is '{desk.Database.Provider}'; it must be {DatabaseOptions.Sqlite} or {DatabaseOptions.Postgres}.");
        }
    }

    public bool IsPostgres { get; }

    /// <summary>The SQLite file (<c>triage.db</c> under the data directory); meaningless when <see cref="IsPostgres"/>.</summary>
    public string DatabasePath { get; }

    /// <summary>Where the data lives, for messages: never the password.</summary>
    public string Description { get; }

    /// <summary>
    /// NORMAL under WAL survives a process crash (FULL is for power loss); the busy timeout lets writers
    /// queue instead of failing; a larger checkpoint interval and page cache keep intake's random index
    /// writes from paying a checkpoint every few reports; reads go through the OS page cache by mmap.
    /// </summary>
    private const string Pragmas =
        "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 10000; " +
        "PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456;";

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(Pragmas);
        return connection;
    }

    public DbConnection Open()
    {
        if (_postgres is not null) return _postgres.OpenConnection();
        var connection = new SqliteConnection(_sqlite);
        connection.Open();
        connection.Execute(Pragmas);
        return connection;
    }

    /// <summary>
    /// A PostgreSQL connection of its own, for session state that must end exactly when it closes or dies
    /// (<see cref="Hosting.JobLease"/>'s advisory locks).
    /// </summary>
    public async Task<NpgsqlConnection> OpenSessionAsync(CancellationToken ct = default)
    {
        if (!IsPostgres) throw new InvalidOperationException("Sessions of their own are a PostgreSQL matter; SQLite has one process per file.");
        var connection = new NpgsqlConnection(_postgresSession);
        await connection.OpenAsync(ct);
        return connection;
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class WriteTransactions
{
    /// <summary>Any number above the job leases' keys; see <see cref="BeginWriteAsync"/>.</summary>
    public const long WriteLockKey = 0x7472_6961_6765; // "triage"

    /// <summary>
    /// A transaction that holds the desk's write lock from its start. On SQLite that is BEGIN IMMEDIATE: two writers
    /// queue at the start instead of one failing at its first write after both have read. On PostgreSQL, a
    /// transaction-scoped advisory lock does the same across every server: the use cases read, decide and write
    /// (intake's grouping, the audit chain's head, unique checks), and they were written for one writer at a time.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(this DbConnection connection, CancellationToken ct = default)
    {
        if (connection is SqliteConnection sqlite) return sqlite.BeginTransaction(deferred: false);
        var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@WriteLockKey)", new { WriteLockKey }, tx, cancellationToken: ct));
        return tx;
    }
}

using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Triage.Server.Data;
using Triage.Server.Hosting;
using Triage.Tests.Support;

namespace Triage.Tests.Hosting;

/// <summary>Several servers over one PostgreSQL database: each job runs on one of them, and moves when that one dies.</summary>
public sealed class JobLeaseTests : IAsyncLifetime
{
    private const string Sla = nameof(Triage.Server.Sla.SlaWatcher);
    private const string Webhooks = nameof(Triage.Server.Webhooks.WebhookDispatcher);

    private readonly List<IAsyncDisposable> _servers = [];
    private PostgresScratchDatabase? _database;

    private PostgresScratchDatabase Database => _database!;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A server's lease over the scratch database: its own Db, as each server process has.</summary>
    private async Task<JobLease> Server(ILogger<JobLease>? log = null)
    {
        _database ??= await PostgresScratchDatabase.CreateAsync();
        var db = new Db(Options.Create(new DeskOptions
        {
            DataDirectory = Path.GetTempPath(),
            Database = new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = Database.ConnectionString },
        }));
        var lease = new JobLease(db, log ?? NullLogger<JobLease>.Instance);
        _servers.Add(db);
        _servers.Add(lease);
        return lease;
    }

    /// <summary>The backend whose session holds the job's advisory lock, as an operator finds it in pg_locks.</summary>
    private async Task<int?> HolderOf(string job)
    {
        await using var admin = await Database.OpenAsync();
        return await admin.ExecuteScalarAsync<int?>("""
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND (classid::bigint << 32 | objid::bigint) = @key AND objsubid = 1
            """, new { key = JobLease.KeyOf(job) });
    }

    [PostgresFact]
    public async Task Of_two_servers_over_one_database_exactly_one_holds_a_jobs_lease()
    {
        var first = await Server();
        var second = await Server();

        Assert.True(await first.HoldsAsync(Sla));
        Assert.False(await second.HoldsAsync(Sla));
        Assert.False(await second.HoldsAsync(Sla));
        Assert.True(await first.HoldsAsync(Sla));
        Assert.NotNull(await HolderOf(Sla));
    }

    [PostgresFact]
    public async Task Each_job_has_a_lease_of_its_own()
    {
        var first = await Server();
        var second = await Server();

        Assert.True(await first.HoldsAsync(Sla));
        Assert.True(await second.HoldsAsync(Webhooks));

        Assert.False(await first.HoldsAsync(Webhooks));
        Assert.False(await second.HoldsAsync(Sla));
    }

    [PostgresFact]
    public async Task When_the_holders_session_dies_the_standby_takes_the_lease_at_its_next_try()
    {
        var first = await Server();
        var second = await Server();
        Assert.True(await first.HoldsAsync(Sla));
        Assert.False(await second.HoldsAsync(Sla));

        await using (var admin = await Database.OpenAsync())
        {
            // With a timeout, pg_terminate_backend answers once the backend is gone, and its locks with it.
            Assert.True(await admin.ExecuteScalarAsync<bool>("SELECT pg_terminate_backend(@pid, 10000)", new { pid = await HolderOf(Sla) }));
        }

        Assert.True(await second.HoldsAsync(Sla));
        // The first server finds its session gone, opens another, and stands by.
        Assert.False(await first.HoldsAsync(Sla));
        Assert.True(await second.HoldsAsync(Sla));
    }

    [PostgresFact]
    public async Task A_server_that_stops_lets_go_of_its_leases_at_once()
    {
        var first = await Server();
        var second = await Server();
        Assert.True(await first.HoldsAsync(Sla));
        Assert.False(await second.HoldsAsync(Sla));

        await first.DisposeAsync();

        Assert.True(await second.HoldsAsync(Sla));
    }

    [PostgresFact]
    public async Task A_standby_says_once_that_it_stands_by_and_once_that_it_took_over()
    {
        var first = await Server();
        var log = new ListLogger<JobLease>();
        var second = await Server(log);
        Assert.True(await first.HoldsAsync(Sla));

        Assert.False(await second.HoldsAsync(Sla));
        Assert.False(await second.HoldsAsync(Sla));
        await first.DisposeAsync();
        Assert.True(await second.HoldsAsync(Sla));
        Assert.True(await second.HoldsAsync(Sla));

        Assert.Collection(log.Entries,
            e => Assert.Contains("stands by", e.Message, StringComparison.Ordinal),
            e => Assert.Contains("now runs the job SlaWatcher", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_sqlite_every_server_holds_every_lease()
    {
        var directory = TempDirectory.Create();
        try
        {
            await using var db = new Db(Options.Create(new DeskOptions { DataDirectory = directory }));
            await using var first = new JobLease(db, NullLogger<JobLease>.Instance);
            await using var second = new JobLease(db, NullLogger<JobLease>.Instance);

            Assert.True(await first.HoldsAsync(Sla));
            Assert.True(await second.HoldsAsync(Sla));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public void A_job_without_a_lease_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => JobLease.KeyOf("SomeNewJob"));
    }

    public async Task DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers)) await server.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

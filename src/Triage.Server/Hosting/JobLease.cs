using System.Collections.Frozen;
using System.Data;
using Dapper;
using Npgsql;
using Triage.Server.Data;

namespace Triage.Server.Hosting;

/// <summary>
/// Which server runs each background job. On SQLite one process owns the file, so every lease is always held. On
/// PostgreSQL several servers share the database: each job's lease is a session-level advisory lock, taken with
/// <c>pg_try_advisory_lock</c> on one connection per server that is kept open for it. PostgreSQL lets go of the lock
/// when that session ends, whether the server stopped, died, or lost the network (the Db turns TCP keepalive on), so a
/// standby, which tries again at each of its job's ticks, takes the job over on its next tick after that.
/// </summary>
/// <remarks>
/// One key per job rather than one for all: "a job runs on one server at a time" is what each job needs, and no job
/// reads another's state, so none should wait for a server that holds another job's lease; servers started together
/// split the jobs between them, and pg_locks shows which server runs which job.
/// A holder learns of its lost session only at its job's next tick: a pass under way when the session died may
/// overlap the new holder's first pass. The jobs tolerate that, as they tolerate a crash mid-pass: they scan by state and
/// write under the desk's write lock.
/// </remarks>
public sealed class JobLease(Db db, ILogger<JobLease> log) : IAsyncDisposable
{
    /// <summary>
    /// Between <see cref="Migrator"/>'s key and <see cref="WriteTransactions.WriteLockKey"/>. Fixed numbers, never
    /// reordered: two servers of different versions must agree on them during a rolling update.
    /// </summary>
    private static readonly FrozenDictionary<string, long> Keys = new Dictionary<string, long>
    {
        [nameof(Stats.DailyReportCounts)] = 0x7472_6961_6711,
        [nameof(Cases.PriorityRefresher)] = 0x7472_6961_6712,
        [nameof(Sla.SlaWatcher)] = 0x7472_6961_6713,
        [nameof(Webhooks.WebhookDispatcher)] = 0x7472_6961_6714,
        [nameof(Retention.RetentionJob)] = 0x7472_6961_6715,
    }.ToFrozenDictionary();

    // The jobs tick on their own threads; an Npgsql connection serves one command at a time.
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly HashSet<string> _held = [];
    private readonly HashSet<string> _standingBy = [];
    private NpgsqlConnection? _session;

    /// <summary>The advisory lock key of a job's lease, as pg_locks shows it (classid the high half, objid the low).</summary>
    public static long KeyOf(string job) =>
        Keys.TryGetValue(job, out var key) ? key : throw new ArgumentException($"No lease key is set for the job '{job}'.", nameof(job));

    /// <summary>
    /// Whether this server holds the job's lease now, taking it if no server does. Called at each of the job's ticks;
    /// an error reaching the database is the job's error, as its own queries' would be.
    /// </summary>
    public async Task<bool> HoldsAsync(string job, CancellationToken ct = default)
    {
        var key = KeyOf(job);
        if (!db.IsPostgres) return true;
        await _one.WaitAsync(ct);
        try
        {
            if (_session is { State: ConnectionState.Open } session)
            {
                try
                {
                    return await TryAsync(session, job, key, ct);
                }
                catch (Exception e) when ((e is NpgsqlException or InvalidOperationException) && !ct.IsCancellationRequested)
                {
                    Lose(e);
                }
            }
            else if (_session is not null)
            {
                Lose(null);
            }
            _session = await db.OpenSessionAsync(ct);
            // The Db's keepalive lets this server notice a dead database; these let the database notice a dead server (a
            // lost machine sends no FIN), and so free its leases within about half a minute rather than the OS's two hours.
            await _session.ExecuteAsync(new CommandDefinition(
                "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", cancellationToken: ct));
            return await TryAsync(_session, job, key, ct);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<bool> TryAsync(NpgsqlConnection session, string job, long key, CancellationToken ct)
    {
        if (_held.Contains(job))
        {
            // The lock lives as long as the session; a round trip proves the session does.
            await session.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct));
            return true;
        }
        if (await session.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key }, cancellationToken: ct)))
        {
            _held.Add(job);
            _standingBy.Remove(job);
            log.LogInformation("This server now runs the job {Job}: it holds the job's lease.", job);
            return true;
        }
        if (_standingBy.Add(job))
            log.LogInformation("The job {Job} stands by on this server: another server holds its lease.", job);
        return false;
    }

    /// <summary>The session is gone, and with it every lock it held: the other servers may have taken those jobs already.</summary>
    private void Lose(Exception? error)
    {
        if (_held.Count > 0)
            log.LogWarning(error, "Lost the database session holding the leases of {Jobs}; trying to take them again.", string.Join(", ", _held.Order()));
        _held.Clear();
        _session?.Dispose();
        _session = null;
    }

    /// <summary>Lets go at once on a clean stop, so a standby takes over at its next tick rather than after the session is reaped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            try
            {
                if (_session.State == ConnectionState.Open) await _session.ExecuteAsync("SELECT pg_advisory_unlock_all()");
            }
            catch (NpgsqlException e)
            {
                // Closing ends the session anyway; the locks go with it, a moment later.
                log.LogDebug(e, "Releasing the job leases before closing failed.");
            }
            await _session.DisposeAsync();
            _session = null;
        }
        _held.Clear();
        _one.Dispose();
    }
}

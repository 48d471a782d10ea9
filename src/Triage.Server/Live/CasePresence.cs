using Triage.Client.Live;

namespace Triage.Server.Live;

/// <summary>
/// Who has which case page open, on this server and on the others. Each page open here is one entry, so a user with
/// two tabs stays listed until both close. Other servers' viewers arrive as <see cref="CaseViewersEvent"/> snapshots
/// over the bus between servers (Redis) and are kept until that server sends a newer one or stops sending: a server
/// that dies takes its viewers with it after <see cref="Expiry"/>. On one server (one bus for both) no snapshots are
/// sent at all; memory is the whole truth and a restart rightly forgets it.
/// </summary>
public sealed class CasePresence : ICasePresence, IDisposable
{
    /// <summary>How often a server sends its snapshots again, so the others keep its viewers and a new server learns them.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    /// <summary>Three missed heartbeats: a slow Redis is not yet a dead server.</summary>
    public static readonly TimeSpan Expiry = 3 * Heartbeat;

    private readonly ILiveBus _servers;
    private readonly ILiveBus _pages;
    private readonly TimeProvider _clock;
    private readonly IDisposable? _subscription;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, List<Entry>> _here = [];
    private readonly Dictionary<(string Server, long CaseId), Snapshot> _elsewhere = [];
    private long _sequence;

    /// <summary>One server: its pages and the other servers are the same bus, and there are no other servers.</summary>
    public CasePresence(ILiveBus bus) : this(bus, bus, TimeProvider.System) { }

    /// <param name="servers">The bus that reaches the other servers (and this one's pages too).</param>
    /// <param name="pages">This server's pages alone: another server's snapshot changes what they show, not what the others show.</param>
    public CasePresence(ILiveBus servers, ILiveBus pages, TimeProvider clock)
    {
        _servers = servers;
        _pages = pages;
        _clock = clock;
        _subscription = Alone ? null : servers.Subscribe<CaseViewersEvent>(e =>
        {
            Receive(e);
            return Task.CompletedTask;
        });
    }

    /// <summary>One bus for both: nobody else to tell or hear from.</summary>
    private bool Alone => ReferenceEquals(_servers, _pages);

    /// <summary>This server among those sharing the bus; its own snapshots come back and are skipped.</summary>
    public string Server { get; } = Guid.NewGuid().ToString("N");

    public IDisposable Join(long caseId, Viewer viewer)
    {
        var entry = new Entry(this, caseId, viewer);
        CaseViewersEvent snapshot;
        lock (_gate)
        {
            if (!_here.TryGetValue(caseId, out var open)) _here[caseId] = open = [];
            open.Add(entry);
            snapshot = TakeSnapshot(caseId);
        }
        Announce(snapshot);
        return entry;
    }

    public IReadOnlyList<Viewer> Viewers(long caseId)
    {
        lock (_gate)
        {
            var here = _here.TryGetValue(caseId, out var open) ? open.Select(e => e.Viewer) : [];
            var elsewhere = _elsewhere.Where(s => s.Key.CaseId == caseId).OrderBy(s => s.Value.ReceivedAt).SelectMany(s => s.Value.Viewers);
            return [.. here.Concat(elsewhere).DistinctBy(v => v.UserId)];
        }
    }

    /// <summary>
    /// Sends every case's snapshot again and forgets what servers that fell silent said; <see cref="PresenceHeartbeat"/>
    /// calls it every <see cref="Heartbeat"/>.
    /// </summary>
    public void Beat()
    {
        if (Alone) return;
        List<CaseViewersEvent> snapshots;
        List<long> forgotten;
        lock (_gate)
        {
            snapshots = [.. _here.Keys.Select(TakeSnapshot)];
            var silentSince = _clock.GetUtcNow() - Expiry;
            var silent = _elsewhere.Where(s => s.Value.ReceivedAt < silentSince).ToList();
            foreach (var (key, _) in silent) _elsewhere.Remove(key);
            forgotten = [.. silent.Where(s => s.Value.Viewers.Count > 0).Select(s => s.Key.CaseId).Distinct()];
        }
        foreach (var snapshot in snapshots) _servers.Publish(snapshot);
        foreach (var caseId in forgotten) _pages.Publish(new PresenceChangedEvent(caseId));
    }

    /// <summary>Another server's snapshot: kept unless a newer one from that server came first.</summary>
    internal void Receive(CaseViewersEvent snapshot)
    {
        if (snapshot.Server == Server) return;
        var key = (snapshot.Server, snapshot.CaseId);
        bool changed;
        lock (_gate)
        {
            var known = _elsewhere.GetValueOrDefault(key);
            if (known is not null && known.Sequence >= snapshot.Sequence) return;
            changed = known is null ? snapshot.Viewers.Count > 0 : !known.Viewers.SequenceEqual(snapshot.Viewers);
            // An empty snapshot stays too, until it expires: it is what makes a late, older one lose.
            _elsewhere[key] = new Snapshot(snapshot.Sequence, snapshot.Viewers, _clock.GetUtcNow());
        }
        if (changed) _pages.Publish(new PresenceChangedEvent(snapshot.CaseId));
    }

    public void Dispose() => _subscription?.Dispose();

    private void Leave(Entry entry)
    {
        CaseViewersEvent snapshot;
        lock (_gate)
        {
            if (!_here.TryGetValue(entry.CaseId, out var open) || !open.Remove(entry)) return;
            if (open.Count == 0) _here.Remove(entry.CaseId);
            snapshot = TakeSnapshot(entry.CaseId);
        }
        Announce(snapshot);
    }

    /// <summary>Under the gate, so snapshots are numbered in the order the changes they describe happened.</summary>
    private CaseViewersEvent TakeSnapshot(long caseId)
    {
        IReadOnlyList<Viewer> viewers = _here.TryGetValue(caseId, out var open) ? [.. open.Select(e => e.Viewer).DistinctBy(v => v.UserId)] : [];
        return new CaseViewersEvent(Server, ++_sequence, caseId, viewers);
    }

    private void Announce(CaseViewersEvent snapshot)
    {
        _pages.Publish(new PresenceChangedEvent(snapshot.CaseId));
        if (!Alone) _servers.Publish(snapshot);
    }

    private sealed record Snapshot(long Sequence, IReadOnlyList<Viewer> Viewers, DateTimeOffset ReceivedAt);

    private sealed class Entry(CasePresence presence, long caseId, Viewer viewer) : IDisposable
    {
        public long CaseId { get; } = caseId;
        public Viewer Viewer { get; } = viewer;

        public void Dispose() => presence.Leave(this);
    }
}

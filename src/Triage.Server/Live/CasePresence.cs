using Triage.Client.Live;

namespace Triage.Server.Live;

/// <summary>
/// Who has which case page open on this server. Each open page is one entry, so a user with two tabs
/// stays listed until both close. With several servers this map would be shared over the same
/// transport as the bus; on one server memory is the whole truth and a restart rightly forgets it.
/// </summary>
public sealed class CasePresence(ILiveBus bus) : ICasePresence
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, List<Entry>> _pages = [];

    public IDisposable Join(long caseId, Viewer viewer)
    {
        var entry = new Entry(this, caseId, viewer);
        lock (_gate)
        {
            if (!_pages.TryGetValue(caseId, out var open)) _pages[caseId] = open = [];
            open.Add(entry);
        }
        bus.Publish(new PresenceChangedEvent(caseId));
        return entry;
    }

    public IReadOnlyList<Viewer> Viewers(long caseId)
    {
        lock (_gate)
        {
            return _pages.TryGetValue(caseId, out var open)
                ? [.. open.Select(e => e.Viewer).DistinctBy(v => v.UserId)]
                : [];
        }
    }

    private void Leave(Entry entry)
    {
        lock (_gate)
        {
            if (!_pages.TryGetValue(entry.CaseId, out var open) || !open.Remove(entry)) return;
            if (open.Count == 0) _pages.Remove(entry.CaseId);
        }
        bus.Publish(new PresenceChangedEvent(entry.CaseId));
    }

    private sealed class Entry(CasePresence presence, long caseId, Viewer viewer) : IDisposable
    {
        public long CaseId { get; } = caseId;
        public Viewer Viewer { get; } = viewer;

        public void Dispose() => presence.Leave(this);
    }
}

using Microsoft.AspNetCore.Components.Server.Circuits;
using Triage.Client.Live;

namespace Triage.Server.Live;

/// <summary>
/// One circuit's view of <see cref="CasePresence"/>. A browser that loses its connection (a phone changing
/// network, a closed tab whose goodbye never arrived) leaves the cases it had open at once, rather than when
/// Blazor finally drops the circuit minutes later; if the connection comes back, it is listed again.
/// </summary>
public sealed class CircuitCasePresence(CasePresence presence) : ICasePresence
{
    private readonly Lock _gate = new();
    private readonly List<Page> _pages = [];
    private bool _connected = true;

    public IDisposable Join(long caseId, Viewer viewer)
    {
        var page = new Page(this, caseId, viewer);
        lock (_gate)
        {
            _pages.Add(page);
            if (_connected) page.Entry = presence.Join(caseId, viewer);
        }
        return page;
    }

    public IReadOnlyList<Viewer> Viewers(long caseId) => presence.Viewers(caseId);

    internal void ConnectionDown()
    {
        lock (_gate)
        {
            _connected = false;
            foreach (var page in _pages) page.Leave();
        }
    }

    internal void ConnectionUp()
    {
        lock (_gate)
        {
            _connected = true;
            foreach (var page in _pages) page.Entry ??= presence.Join(page.CaseId, page.Viewer);
        }
    }

    private void Close(Page page)
    {
        lock (_gate)
        {
            _pages.Remove(page);
            page.Leave();
        }
    }

    private sealed class Page(CircuitCasePresence circuit, long caseId, Viewer viewer) : IDisposable
    {
        public long CaseId { get; } = caseId;
        public Viewer Viewer { get; } = viewer;
        public IDisposable? Entry { get; set; }

        public void Leave()
        {
            Entry?.Dispose();
            Entry = null;
        }

        public void Dispose() => circuit.Close(this);
    }
}

/// <summary>Follows the circuit's connection for <see cref="CircuitCasePresence"/>.</summary>
public sealed class CircuitConnectionPresence(CircuitCasePresence presence) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.ConnectionDown();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.ConnectionUp();
        return Task.CompletedTask;
    }
}

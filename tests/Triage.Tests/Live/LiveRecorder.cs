using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Live;
using Triage.Tests.Support;

namespace Triage.Tests.Live;

/// <summary>Everything a desk's bus publishes, in order, with a way to wait until a given event has arrived.</summary>
public sealed class LiveRecorder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<LiveEvent> _events = [];
    private readonly List<(Func<LiveEvent, bool> Match, TaskCompletionSource<LiveEvent> Done)> _waits = [];
    private readonly IDisposable _subscription;

    public LiveRecorder(TestDesk desk) : this(desk.Services.GetRequiredService<ILiveBus>()) { }

    public LiveRecorder(ILiveBus bus) => _subscription = bus.Subscribe<LiveEvent>(Record);

    public IReadOnlyList<LiveEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    /// <summary>Waits for the first event (already heard or still to come) that matches.</summary>
    public Task<LiveEvent> WaitFor(Func<LiveEvent, bool> match)
    {
        lock (_gate)
        {
            if (_events.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var done = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async Task<CaseChangedEvent> WaitForCase(long caseId) =>
        (CaseChangedEvent)await WaitFor(e => e is CaseChangedEvent c && c.CaseId == caseId);

    private Task Record(LiveEvent liveEvent)
    {
        lock (_gate)
        {
            _events.Add(liveEvent);
            foreach (var wait in _waits.Where(w => w.Match(liveEvent)).ToList())
            {
                _waits.Remove(wait);
                wait.Done.TrySetResult(liveEvent);
            }
        }
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription.Dispose();
}

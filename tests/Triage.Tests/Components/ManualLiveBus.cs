using Triage.Client.Live;

namespace Triage.Tests.Components;

/// <summary>
/// A bus for component tests that delivers on the test's own thread, so a test knows a page has handled an
/// event when PublishAsync returns. The real bus's queues and threads are tested in Live/LiveBusTests.
/// </summary>
public sealed class ManualLiveBus : ILiveBus
{
    private readonly List<(Type Type, Func<LiveEvent, Task> Handler)> _subscribers = [];

    public int SubscriberCount => _subscribers.Count;

    public void Publish(LiveEvent liveEvent) => _ = PublishAsync(liveEvent);

    public Task PublishAsync(LiveEvent liveEvent) =>
        Task.WhenAll(_subscribers.ToList().Where(s => s.Type.IsInstanceOfType(liveEvent)).Select(s => s.Handler(liveEvent)));

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent
    {
        var entry = (typeof(TEvent), (Func<LiveEvent, Task>)(e => handler((TEvent)e)));
        _subscribers.Add(entry);
        return new Unsubscribe(() => _subscribers.Remove(entry));
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

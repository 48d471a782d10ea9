using System.Threading.Channels;
using Triage.Client.Live;

namespace Triage.Server.Live;

/// <summary>
/// The bus of one server. Each subscriber has its own bounded queue and its own pump, so a slow or
/// failing page delays nobody else and the publisher (a committed command) never waits: a full queue
/// drops its oldest event, which is safe because every subscriber re-reads the state an event points at.
/// </summary>
public sealed partial class InProcessLiveBus(ILogger<InProcessLiveBus> logger) : ILiveBus, IDisposable
{
    /// <summary>Far more than a page can fall behind by; beyond it the page is stuck, not busy.</summary>
    public const int QueueLength = 256;

    private readonly ILogger _logger = logger;
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    public void Publish(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        foreach (var subscription in Volatile.Read(ref _subscriptions)) subscription.Offer(liveEvent);
    }

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription<TEvent>(this, handler);
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        subscription.Start();
        return subscription;
    }

    public void Dispose()
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions)) subscription.Dispose();
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
    }

    private abstract class Subscription : IDisposable
    {
        public abstract void Offer(LiveEvent liveEvent);
        public abstract void Dispose();
    }

    private sealed class Subscription<TEvent> : Subscription where TEvent : LiveEvent
    {
        private readonly InProcessLiveBus _bus;
        private readonly Func<TEvent, Task> _handler;
        private readonly Channel<TEvent> _queue;
        private volatile bool _stopped;
        private long _dropped;

        public Subscription(InProcessLiveBus bus, Func<TEvent, Task> handler)
        {
            _bus = bus;
            _handler = handler;
            _queue = Channel.CreateBounded<TEvent>(
                new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                Dropped);
        }

        public void Start() => _ = Task.Run(PumpAsync);

        public override void Offer(LiveEvent liveEvent)
        {
            if (liveEvent is TEvent wanted) _queue.Writer.TryWrite(wanted);
        }

        public override void Dispose()
        {
            _stopped = true;
            _bus.Remove(this);
            _queue.Writer.TryComplete();
        }

        private async Task PumpAsync()
        {
            await foreach (var item in _queue.Reader.ReadAllAsync())
            {
                if (_stopped) return;
                try
                {
                    await _handler(item);
                }
                catch (Exception e)
                {
                    LogHandlerFailed(_bus._logger, e, typeof(TEvent).Name);
                }
            }
        }

        private void Dropped(TEvent _)
        {
            // One line per hundred drops: a stuck page must not flood the log as well.
            if (Interlocked.Increment(ref _dropped) % 100 == 1) LogDropped(_bus._logger, typeof(TEvent).Name, _dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live {EventType} subscriber failed; it stays subscribed.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live {EventType} subscriber fell behind; {Dropped} old events dropped so far.")]
    private static partial void LogDropped(ILogger logger, string eventType, long dropped);
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Triage.Client.Live;
using Triage.Server.Live;

namespace Triage.Tests.Live;

public sealed class LiveBusTests
{
    /// <summary>Only a guard against a hung test run; every wait below ends on a condition long before.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static InProcessLiveBus Bus() => new(NullLogger<InProcessLiveBus>.Instance);

    private static CaseChangedEvent Case(long id) => new(id, 2, "/1/2/", ["/1/2/5/"]);

    [Fact]
    public async Task Every_subscriber_receives_a_published_event()
    {
        using var bus = Bus();
        var received = Enumerable.Range(0, 50).Select(_ => new TaskCompletionSource<CaseChangedEvent>(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var subscriptions = received.Select(r => bus.Subscribe<CaseChangedEvent>(e => { r.TrySetResult(e); return Task.CompletedTask; })).ToList();

        bus.Publish(Case(11));

        var events = await Task.WhenAll(received.Select(r => r.Task)).WaitAsync(Guard);
        Assert.All(events, e => Assert.Equal(11, e.CaseId));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_subscriber_hears_only_the_events_of_its_type()
    {
        using var bus = Bus();
        var heard = new ConcurrentQueue<LiveEvent>();
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = bus.Subscribe<NotificationsChangedEvent>(e =>
        {
            heard.Enqueue(e);
            if (e.UserId == 2) marker.TrySetResult();
            return Task.CompletedTask;
        });

        bus.Publish(new NotificationsChangedEvent(1));
        bus.Publish(Case(11));
        bus.Publish(new NotificationsChangedEvent(2));

        await marker.Task.WaitAsync(Guard);
        Assert.Equal([1L, 2L], heard.Cast<NotificationsChangedEvent>().Select(e => e.UserId));
    }

    [Fact]
    public async Task A_throwing_subscriber_neither_stops_others_nor_loses_its_own_later_events()
    {
        using var bus = Bus();
        var thrower = new ConcurrentQueue<long>();
        var secondReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var failing = bus.Subscribe<CaseChangedEvent>(e =>
        {
            thrower.Enqueue(e.CaseId);
            if (e.CaseId == 12) secondReached.TrySetResult();
            throw new InvalidOperationException("page gone");
        });
        var healthy = new ConcurrentQueue<long>();
        var healthyDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var working = bus.Subscribe<CaseChangedEvent>(e =>
        {
            healthy.Enqueue(e.CaseId);
            if (e.CaseId == 12) healthyDone.TrySetResult();
            return Task.CompletedTask;
        });

        bus.Publish(Case(11));
        bus.Publish(Case(12));

        await Task.WhenAll(secondReached.Task, healthyDone.Task).WaitAsync(Guard);
        Assert.Equal([11L, 12L], healthy);
        Assert.Equal([11L, 12L], thrower);
    }

    [Fact]
    public async Task A_stuck_subscriber_does_not_delay_the_others_or_the_publisher()
    {
        using var bus = Bus();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuckGot = new ConcurrentQueue<long>();
        var stuckFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var total = InProcessLiveBus.QueueLength + 50;
        using var stuck = bus.Subscribe<CaseChangedEvent>(async e =>
        {
            await release.Task;
            stuckGot.Enqueue(e.CaseId);
            if (e.CaseId == total) stuckFinished.TrySetResult();
        });
        var fastCount = 0;
        var fastGot = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var quick = bus.Subscribe<CaseChangedEvent>(_ =>
        {
            var count = Interlocked.Increment(ref fastCount);
            if (count == InProcessLiveBus.QueueLength) fastGot[0].TrySetResult();
            if (count == total) fastGot[1].TrySetResult();
            return Task.CompletedTask;
        });

        // Two bursts, each within one queue's length, so the quick subscriber keeps everything while the
        // stuck one overflows; the publisher returns at once either way.
        for (var id = 1; id <= InProcessLiveBus.QueueLength; id++) bus.Publish(Case(id));
        await fastGot[0].Task.WaitAsync(Guard);
        for (var id = InProcessLiveBus.QueueLength + 1; id <= total; id++) bus.Publish(Case(id));
        await fastGot[1].Task.WaitAsync(Guard);

        Assert.Empty(stuckGot);
        release.SetResult();
        await stuckFinished.Task.WaitAsync(Guard);
        // The oldest were dropped, the newest kept, in order.
        Assert.True(stuckGot.Count <= InProcessLiveBus.QueueLength + 1, $"{stuckGot.Count} delivered");
        Assert.Equal(total, stuckGot.Last());
        Assert.Equal(stuckGot.Order(), stuckGot);
    }

    [Fact]
    public async Task Unsubscribing_stops_delivery_and_leaves_the_others_subscribed()
    {
        using var bus = Bus();
        var leaver = new ConcurrentQueue<long>();
        var gone = bus.Subscribe<CaseChangedEvent>(e => { leaver.Enqueue(e.CaseId); return Task.CompletedTask; });
        var stayer = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stays = bus.Subscribe<CaseChangedEvent>(e => { stayer.TrySetResult(e.CaseId); return Task.CompletedTask; });

        gone.Dispose();
        gone.Dispose();
        bus.Publish(Case(11));

        Assert.Equal(11, await stayer.Task.WaitAsync(Guard));
        Assert.Empty(leaver);
        Assert.Equal(1, bus.SubscriberCount);
    }

    [Fact]
    public void Events_travel_as_json_with_their_type()
    {
        LiveEvent[] events = [Case(11), new NotificationsChangedEvent(7), new PresenceChangedEvent(11)];

        var json = JsonSerializer.Serialize(events);
        var back = JsonSerializer.Deserialize<LiveEvent[]>(json)!;

        Assert.Contains("\"type\":\"case\"", json);
        var changed = Assert.IsType<CaseChangedEvent>(back[0]);
        Assert.Equal((11L, 2L, "/1/2/"), (changed.CaseId, changed.Version, changed.OwnerUnitPath));
        Assert.Equal(["/1/2/5/"], changed.ReporterUnitPaths);
        Assert.Equal(events[1], back[1]);
        Assert.Equal(events[2], back[2]);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(5, true)]
    [InlineData(3, false)]
    [InlineData(12, false)]
    public void A_case_touches_the_units_on_its_owner_and_reporter_paths(long unitId, bool touches) =>
        Assert.Equal(touches, new CaseChangedEvent(11, 1, "/1/2/", ["/1/2/5/"]).Touches(unitId));
}

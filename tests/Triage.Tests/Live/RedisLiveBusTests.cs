using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Triage.Client.Live;
using Triage.Server.Live;
using Triage.Tests.Support;

namespace Triage.Tests.Live;

/// <summary>Two <see cref="RedisLiveBus"/> instances on one channel stand for two servers of one desk.</summary>
public sealed class RedisLiveBusTests
{
    /// <summary>Only a guard against a hung test run; every wait below ends on a condition long before.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>Nothing listens on port 1, so a bus pointed there has Redis down for its whole life.</summary>
    private const string Unreachable = "127.0.0.1:1";

    private sealed class Server : IDisposable
    {
        public Server(string connection, string channel)
        {
            Local = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
            Bus = new RedisLiveBus(Local, Options.Create(new RedisOptions { ConnectionString = connection, Channel = channel }), NullLogger<RedisLiveBus>.Instance);
        }

        public InProcessLiveBus Local { get; }

        public RedisLiveBus Bus { get; }

        public void Dispose()
        {
            Bus.Dispose();
            Local.Dispose();
        }
    }

    private static Server Start(string channel, string? connection = null) =>
        new(connection ?? RedisFactAttribute.Connection, channel);

    /// <summary>Each test has its own channel, so tests running side by side never hear each other.</summary>
    private static string UniqueChannel() => "triage:test:" + Guid.NewGuid().ToString("N");

    private static async Task BothSubscribed(Server a, Server b) =>
        await Task.WhenAll(a.Bus.Subscribed, b.Bus.Subscribed).WaitAsync(Guard);

    [RedisFact]
    public async Task An_event_reaches_the_other_server_once_and_its_own_servers_subscribers_once()
    {
        var channel = UniqueChannel();
        using var a = Start(channel);
        using var b = Start(channel);
        await BothSubscribed(a, b);
        using var onA = new LiveRecorder(a.Bus);
        using var onB = new LiveRecorder(b.Bus);

        a.Bus.Publish(new NotificationsChangedEvent(1));
        a.Bus.Publish(new NotificationsChangedEvent(2));
        await onB.WaitFor(e => e is NotificationsChangedEvent { UserId: 2 });
        // B publishes only after Redis passed on A's two messages, so Redis sent A their echoes before B's event:
        // had A delivered its echoes, they would be heard on A before this one.
        b.Bus.Publish(new PresenceChangedEvent(9));
        await onA.WaitFor(e => e is PresenceChangedEvent);
        await onB.WaitFor(e => e is PresenceChangedEvent);
        // Likewise a second copy of A's messages on B would reach B before this one.
        a.Bus.Publish(new NotificationsChangedEvent(3));
        await onA.WaitFor(e => e is NotificationsChangedEvent { UserId: 3 });
        await onB.WaitFor(e => e is NotificationsChangedEvent { UserId: 3 });

        LiveEvent[] expected = [new NotificationsChangedEvent(1), new NotificationsChangedEvent(2), new PresenceChangedEvent(9), new NotificationsChangedEvent(3)];
        Assert.Equal(expected, onA.Events);
        Assert.Equal(expected, onB.Events);
    }

    [RedisFact]
    public async Task Every_kind_of_event_arrives_on_the_other_server_with_its_fields()
    {
        var channel = UniqueChannel();
        using var a = Start(channel);
        using var b = Start(channel);
        await BothSubscribed(a, b);
        using var onB = new LiveRecorder(b.Bus);

        a.Bus.Publish(new CaseChangedEvent(11, 7, "/1/2/", ["/1/2/5/", "/1/3/"]));
        a.Bus.Publish(new NotificationsChangedEvent(4));
        a.Bus.Publish(new PresenceChangedEvent(12));
        await onB.WaitFor(e => e is PresenceChangedEvent);

        Assert.Collection(onB.Events,
            e =>
            {
                var changed = Assert.IsType<CaseChangedEvent>(e);
                Assert.Equal((11L, 7L, "/1/2/"), (changed.CaseId, changed.Version, changed.OwnerUnitPath));
                Assert.Equal(["/1/2/5/", "/1/3/"], changed.ReporterUnitPaths);
            },
            e => Assert.Equal(new NotificationsChangedEvent(4), e),
            e => Assert.Equal(new PresenceChangedEvent(12), e));
    }

    [RedisFact]
    public async Task A_message_that_is_not_a_live_update_is_dropped_and_later_events_still_arrive()
    {
        var channel = UniqueChannel();
        using var a = Start(channel);
        using var b = Start(channel);
        await BothSubscribed(a, b);
        using var onB = new LiveRecorder(b.Bus);
        await using var stranger = await ConnectionMultiplexer.ConnectAsync(RedisFactAttribute.Connection);
        var subscriber = stranger.GetSubscriber();

        await subscriber.PublishAsync(RedisChannel.Literal(channel), "not json");
        await subscriber.PublishAsync(RedisChannel.Literal(channel), """{"origin":"elsewhere","event":{"type":"unknown"}}""");
        await subscriber.PublishAsync(RedisChannel.Literal(channel), """{"origin":"elsewhere","event":{"type":"case","caseId":1}}""");
        a.Bus.Publish(new PresenceChangedEvent(5));
        await onB.WaitFor(e => e is PresenceChangedEvent);

        Assert.Equal([new PresenceChangedEvent(5)], onB.Events);
    }

    [Fact]
    public async Task With_Redis_unreachable_publishing_does_not_throw_and_this_servers_subscribers_still_hear_it()
    {
        using var server = Start(UniqueChannel(), Unreachable);
        using var recorder = new LiveRecorder(server.Bus);

        server.Bus.Publish(new NotificationsChangedEvent(1));
        server.Bus.Publish(new CaseChangedEvent(11, 2, "/1/", []));

        await recorder.WaitForCase(11);
        Assert.Equal(2, recorder.Events.Count);
    }

    [Fact]
    public async Task A_servers_own_message_coming_back_from_Redis_is_not_delivered_twice()
    {
        using var server = Start(UniqueChannel(), Unreachable);
        using var recorder = new LiveRecorder(server.Bus);

        server.Bus.Receive(LiveMessage.Write(server.Bus.Origin, new NotificationsChangedEvent(1)));
        server.Bus.Receive(LiveMessage.Write("another server", new NotificationsChangedEvent(2)));
        await recorder.WaitFor(e => e is NotificationsChangedEvent { UserId: 2 });

        Assert.Equal([new NotificationsChangedEvent(2)], recorder.Events);
    }

    [Fact]
    public void Each_bus_is_its_own_origin()
    {
        using var a = Start(UniqueChannel(), Unreachable);
        using var b = Start(UniqueChannel(), Unreachable);

        Assert.NotEqual(a.Bus.Origin, b.Bus.Origin);
    }

    [RedisFact]
    public async Task A_case_page_open_on_one_server_is_listed_on_the_other_until_it_closes()
    {
        var channel = UniqueChannel();
        using var a = Start(channel);
        using var b = Start(channel);
        await BothSubscribed(a, b);
        using var presenceA = new CasePresence(a.Bus, a.Local, TimeProvider.System);
        using var presenceB = new CasePresence(b.Bus, b.Local, TimeProvider.System);
        using var pagesOnB = new LiveRecorder(b.Local);
        var lan = new Viewer(3, "Nguyễn Thị Lan");

        var page = presenceA.Join(11, lan);
        await pagesOnB.WaitFor(e => e is PresenceChangedEvent { CaseId: 11 });
        Assert.Equal([lan], presenceB.Viewers(11));

        page.Dispose();
        await pagesOnB.WaitFor(_ => presenceB.Viewers(11).Count == 0);
    }
}

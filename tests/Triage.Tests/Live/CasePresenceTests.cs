using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Triage.Client.Live;
using Triage.Server.Live;
using Triage.Tests.Components;

namespace Triage.Tests.Live;

public sealed class CasePresenceTests
{
    private static readonly Viewer Lan = new(3, "Nguyễn Thị Lan");
    private static readonly Viewer Minh = new(4, "Trần Văn Minh");

    [Fact]
    public void Viewers_are_listed_once_per_user_until_their_last_tab_closes()
    {
        using var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        var presence = new CasePresence(bus);

        var firstTab = presence.Join(11, Lan);
        var secondTab = presence.Join(11, Lan);
        var minh = presence.Join(11, Minh);
        using var elsewhere = presence.Join(12, Minh);

        Assert.Equal([Lan, Minh], presence.Viewers(11));
        firstTab.Dispose();
        Assert.Equal([Lan, Minh], presence.Viewers(11));
        secondTab.Dispose();
        minh.Dispose();
        Assert.Empty(presence.Viewers(11));
        Assert.Equal([Minh], presence.Viewers(12));
    }

    [Fact]
    public async Task Joining_and_leaving_are_announced_for_the_case()
    {
        using var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        var presence = new CasePresence(bus);
        var heard = new ConcurrentQueue<long>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = bus.Subscribe<PresenceChangedEvent>(e =>
        {
            heard.Enqueue(e.CaseId);
            if (heard.Count == 2) both.TrySetResult();
            return Task.CompletedTask;
        });

        presence.Join(11, Lan).Dispose();

        await both.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([11L, 11L], heard);
    }

    [Fact]
    public void Leaving_twice_is_harmless()
    {
        using var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        var presence = new CasePresence(bus);
        var tab = presence.Join(11, Lan);
        using var other = presence.Join(11, Lan);

        tab.Dispose();
        tab.Dispose();

        Assert.Equal([Lan], presence.Viewers(11));
    }

    /// <summary>Two servers whose snapshots travel over one wire (Redis in production), each with its own pages' bus.</summary>
    private sealed class TwoServers : IDisposable
    {
        public ManualLiveBus Wire { get; } = new();
        public ManualLiveBus PagesOnB { get; } = new();
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        public CasePresence A { get; }
        public CasePresence B { get; }

        public TwoServers()
        {
            A = new CasePresence(Wire, new ManualLiveBus(), Clock);
            B = new CasePresence(Wire, PagesOnB, Clock);
        }

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }
    }

    [Fact]
    public void A_viewer_on_another_server_is_listed_after_this_servers_own_and_leaves_with_their_page()
    {
        using var servers = new TwoServers();
        var heardOnB = new List<long>();
        using var _ = servers.PagesOnB.Subscribe<PresenceChangedEvent>(e =>
        {
            heardOnB.Add(e.CaseId);
            return Task.CompletedTask;
        });

        var lan = servers.A.Join(11, Lan);
        using var minh = servers.B.Join(11, Minh);

        Assert.Equal([Minh, Lan], servers.B.Viewers(11));
        Assert.Equal([Lan, Minh], servers.A.Viewers(11));
        Assert.Empty(servers.B.Viewers(12));
        lan.Dispose();
        Assert.Equal([Minh], servers.B.Viewers(11));
        // Lan's arrival and departure on A, and Minh's own arrival on B.
        Assert.Equal([11L, 11L, 11L], heardOnB);
    }

    [Fact]
    public void A_server_that_keeps_beating_keeps_its_viewers_and_one_that_falls_silent_loses_them_after_the_expiry()
    {
        using var servers = new TwoServers();
        using var lan = servers.A.Join(11, Lan);
        for (var beat = 0; beat < 5; beat++)
        {
            servers.Clock.Advance(CasePresence.Heartbeat);
            servers.A.Beat();
            servers.B.Beat();
        }
        Assert.Equal([Lan], servers.B.Viewers(11));
        var heardOnB = new List<long>();
        using var _ = servers.PagesOnB.Subscribe<PresenceChangedEvent>(e =>
        {
            heardOnB.Add(e.CaseId);
            return Task.CompletedTask;
        });

        // A dies: it never leaves and never beats again.
        servers.Clock.Advance(CasePresence.Expiry - TimeSpan.FromSeconds(1));
        servers.B.Beat();
        Assert.Equal([Lan], servers.B.Viewers(11));
        servers.Clock.Advance(TimeSpan.FromSeconds(2));
        servers.B.Beat();

        Assert.Empty(servers.B.Viewers(11));
        Assert.Equal([11L], heardOnB);
    }

    [Fact]
    public void A_late_snapshot_does_not_bring_back_a_viewer_who_left_but_a_newer_one_counts()
    {
        using var servers = new TwoServers();

        servers.B.Receive(new CaseViewersEvent("server-c", 2, 11, []));
        servers.B.Receive(new CaseViewersEvent("server-c", 1, 11, [Lan]));
        Assert.Empty(servers.B.Viewers(11));

        servers.B.Receive(new CaseViewersEvent("server-c", 3, 11, [Lan]));
        Assert.Equal([Lan], servers.B.Viewers(11));
    }

    [Fact]
    public void One_server_tells_only_its_pages()
    {
        var bus = new ManualLiveBus();
        using var presence = new CasePresence(bus);
        var heard = new List<LiveEvent>();
        using var _ = bus.Subscribe<LiveEvent>(e =>
        {
            heard.Add(e);
            return Task.CompletedTask;
        });

        presence.Join(11, Lan).Dispose();
        presence.Beat();

        Assert.Equal([new PresenceChangedEvent(11), new PresenceChangedEvent(11)], heard);
    }
}

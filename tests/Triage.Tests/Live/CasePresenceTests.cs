using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Triage.Client.Live;
using Triage.Server.Live;

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
}

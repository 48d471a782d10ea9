using Triage.Client.Live;
using Triage.Server.Live;
using Triage.Tests.Components;

namespace Triage.Tests.Live;

public sealed class CircuitCasePresenceTests
{
    private static readonly Viewer Nhung = new(3, "Lê Thị Hồng Nhung"), Anh = new(1, "Nguyễn Thị Minh Anh");

    [Fact]
    public async Task A_circuit_that_loses_its_connection_leaves_its_cases_at_once_and_returns_when_it_reconnects()
    {
        var shared = new CasePresence(new ManualLiveBus());
        var reviewer = new CircuitCasePresence(shared);
        var admin = new CircuitCasePresence(shared);
        using var _ = reviewer.Join(42, Nhung);
        var page = admin.Join(42, Anh);
        Assert.Equal([Nhung, Anh], reviewer.Viewers(42));

        await new CircuitConnectionPresence(admin).OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.Equal([Nhung], reviewer.Viewers(42));

        await new CircuitConnectionPresence(admin).OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal([Nhung, Anh], reviewer.Viewers(42));

        page.Dispose();
        Assert.Equal([Nhung], reviewer.Viewers(42));
    }

    [Fact]
    public async Task A_page_closed_while_disconnected_is_not_listed_again_on_reconnecting()
    {
        var shared = new CasePresence(new ManualLiveBus());
        var admin = new CircuitCasePresence(shared);
        var page = admin.Join(42, Anh);

        await new CircuitConnectionPresence(admin).OnConnectionDownAsync(null!, CancellationToken.None);
        page.Dispose();
        await new CircuitConnectionPresence(admin).OnConnectionUpAsync(null!, CancellationToken.None);

        Assert.Empty(shared.Viewers(42));
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Triage.Tests.Support;

namespace Triage.Tests.Browser;

/// <summary>
/// A browser desk whose server reads the time from a clock the test moves forward, so deadlines (SLA
/// breaches) pass in a second instead of hours. Sign-in cookies and sessions read the same clock.
/// </summary>
public sealed class ClockedBrowserDesk() : BrowserDesk(new ClockedDeskFactory())
{
    /// <summary>Moves the server's time forward; its timers keep running in real time.</summary>
    public void Advance(TimeSpan by) => ((ClockedDeskFactory)Desk).Clock.Advance(by);

    private sealed class ClockedDeskFactory : DeskFactory
    {
        public ShiftedClock Clock { get; } = new();

        // The watcher looks every second, so a deadline passed by Advance is acted on within one.
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Triage:Sla:WatchInterval"] = "00:00:01",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>
    /// The real clock plus an offset the test moves forward. A FakeTimeProvider would stop every timer
    /// as well, and the pages' own short waits (the queue gathers live changes for 150 ms) would never end.
    /// </summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}

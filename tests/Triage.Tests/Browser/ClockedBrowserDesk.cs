using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Triage.Tests.Support;

namespace Triage.Tests.Browser;

/// <summary>
/// A browser desk whose server reads the time from a fake clock the test advances, so deadlines
/// (SLA breaches) pass in a second instead of hours. Sign-in cookies and sessions read the same clock.
/// </summary>
public sealed class ClockedBrowserDesk() : BrowserDesk(new ClockedDeskFactory())
{
    public FakeTimeProvider Clock => ((ClockedDeskFactory)Desk).Clock;

    private sealed class ClockedDeskFactory : DeskFactory
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Live;
using Triage.Server.Hosting;
using Triage.Server.Live;

namespace Triage.Tests.Live;

public sealed class RedisLiveBusRegistrationTests
{
    private static ServiceProvider Services(string? redis)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [RedisOptions.Section + ":ConnectionString"] = redis,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDeskCore(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_a_Redis_connection_string_the_bus_is_this_servers_own()
    {
        using var services = Services(redis: null);

        Assert.Same(services.GetRequiredService<InProcessLiveBus>(), services.GetRequiredService<ILiveBus>());
    }

    [Fact]
    public void With_a_Redis_connection_string_the_bus_also_reaches_the_other_servers()
    {
        // Nothing listens on port 1: the bus is chosen and built without Redis answering.
        using var services = Services(redis: "127.0.0.1:1");

        Assert.IsType<RedisLiveBus>(services.GetRequiredService<ILiveBus>());
    }
}

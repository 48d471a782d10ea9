using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Triage.Server.Data;
using Triage.Server.Hosting;
using Triage.Server.Pipeline;

namespace Triage.Bench;

/// <summary>The desk's real services over a scratch data directory, sending requests as a chosen user.</summary>
public sealed class BenchDesk : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchDesk(string directory, ServiceProvider services)
    {
        Directory = directory;
        _services = services;
    }

    public string Directory { get; }
    public Db Db => _services.GetRequiredService<Db>();
    public IServiceProvider Services => _services;

    public static async Task<BenchDesk> CreateAsync(string directory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triage:DataDirectory"] = directory,
            ["Triage:Demo:Password"] = "bench-password-" + Guid.NewGuid().ToString("N"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddDeskCore(configuration);
        services.AddScoped<BenchUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<BenchUser>());
        var provider = services.BuildServiceProvider();
        await provider.PrepareDeskAsync(development: true);
        return new BenchDesk(directory, provider);
    }

    /// <summary>A sender bound to one user: one DI scope reused, as a circuit would.</summary>
    public async Task<Func<IRequest<T>, Task<T>>> SenderAs<T>(string email)
    {
        await using var connection = await Db.OpenAsync();
        var (id, stamp) = await connection.QuerySingleAsync<(long, string)>(
            "SELECT id, security_stamp FROM users WHERE email = @email", new { email });
        var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<BenchUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(DeskClaims.SecurityStamp, stamp),
        ], "Bench"));
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        return request => mediator.Send(request);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private sealed class BenchUser : ICurrentUser
    {
        public ClaimsPrincipal? Principal { get; set; }
        public bool IsSystem => false;
        public Task<ClaimsPrincipal?> GetPrincipalAsync() => Task.FromResult(Principal);
    }
}

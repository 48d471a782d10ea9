using System.Security.Claims;
using Dapper;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Triage.Server.Data;
using Triage.Server.Hosting;
using Triage.Server.Pipeline;

namespace Triage.Tests.Support;

/// <summary>
/// The desk's real services over a fresh temporary database (<see cref="TestDatabase"/>) with the demo seed, a fake clock,
/// and a switchable signed-in user: use-case tests send real requests through the real pipeline.
/// </summary>
public sealed class TestDesk : IAsyncDisposable
{
    public const string DemoPassword = "Demo-Password-For-Tests";

    private readonly ServiceProvider _services;

    private TestDesk(string directory, ServiceProvider services)
    {
        Directory = directory;
        _services = services;
    }

    public string Directory { get; }
    public FakeTimeProvider Clock => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();
    public IServiceProvider Services => _services;
    public Db Db => _services.GetRequiredService<Db>();

    /// <param name="directory">An existing data directory to open (a restored backup); by default a new one.</param>
    /// <param name="logs">Receives the desk's log as well, for tests of what gets logged.</param>
    /// <param name="sqlite">On SQLite even where TRIAGE_TEST_POSTGRES puts the other desks on PostgreSQL (a copy's source).</param>
    public static async Task<TestDesk> CreateAsync(bool seedDemo = true, string? directory = null, ILoggerProvider? logs = null, bool sqlite = false)
    {
        directory ??= TempDirectory.Create();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triage:DataDirectory"] = directory,
            ["Triage:Demo:Password"] = DemoPassword,
        }.Concat(sqlite ? [] : TestDatabase.SettingsFor(directory))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            if (logs is not null) b.AddProvider(logs);
        });
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero)));
        services.AddDeskCore(configuration);
        services.AddScoped<TestUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestUser>());
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.PrepareDeskAsync(development: seedDemo);
        return new TestDesk(directory, provider);
    }

    /// <summary>Sends a request as the user with this email, as a page or the API would.</summary>
    public async Task<T> SendAs<T>(string? email, IRequest<T> request)
    {
        await using var scope = _services.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<TestUser>();
        user.Principal = email switch
        {
            null => null,
            TestUser.SystemEmail => new ClaimsPrincipal(new ClaimsIdentity([], "System")),
            _ => await PrincipalOf(email),
        };
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public Task<T> SendAsSystem<T>(IRequest<T> request) => SendAs(TestUser.SystemEmail, request);

    /// <summary>Sends a request as this exact principal, e.g. one shaped like a browser's cookie session.</summary>
    public async Task<T> SendWithPrincipal<T>(ClaimsPrincipal principal, IRequest<T> request)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestUser>().Principal = principal;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<ClaimsPrincipal> PrincipalOf(string email)
    {
        await using var connection = await Db.OpenAsync();
        var (id, stamp) = await connection.QuerySingleAsync<(long, string)>(
            "SELECT id, security_stamp FROM users WHERE email = @email", new { email });
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(DeskClaims.SecurityStamp, stamp),
        ], "Test"));
    }

    public async Task<long> UnitId(string code)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM org_units WHERE code = @code", new { code });
    }

    public async Task<long> UserId(string email)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM users WHERE email = @email", new { email });
    }

    public async Task<T> Scalar<T>(string sql, object? args = null)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("No value.");
    }

    public async Task Execute(string sql, object? args = null)
    {
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        TestDatabase.Drop(Directory);
        TempDirectory.Delete(Directory);
    }
}

/// <summary>The test's stand-in for the signed-in user of a scope.</summary>
public sealed class TestUser : ICurrentUser
{
    public const string SystemEmail = "(system)";

    public ClaimsPrincipal? Principal { get; set; }

    public bool IsSystem => Principal?.Identity?.AuthenticationType == "System";

    public Task<ClaimsPrincipal?> GetPrincipalAsync() => Task.FromResult(Principal);
}

public static class TempDirectory
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "triage-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the OS temp cleaner takes it later.
        }
    }
}

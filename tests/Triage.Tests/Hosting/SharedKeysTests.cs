using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Triage.Server.Data;
using Triage.Server.Exports;
using Triage.Server.Hosting;
using Triage.Tests.Support;

namespace Triage.Tests.Hosting;

/// <summary>
/// On PostgreSQL the servers share their keys through the database: what one protects (a cookie) another reads, and
/// every server names a reporter with the same pseudonym. Each server here has a data directory of its own.
/// </summary>
public sealed class SharedKeysTests : IAsyncLifetime
{
    private readonly List<ServiceProvider> _servers = [];
    private readonly List<string> _directories = [];
    private PostgresScratchDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task<IServiceProvider> Server()
    {
        if (_database is null)
        {
            _database = await PostgresScratchDatabase.CreateAsync();
            await _database.MigrateAsync();
        }
        var directory = TempDirectory.Create();
        _directories.Add(directory);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triage:DataDirectory"] = directory,
            ["Triage:Database:Provider"] = DatabaseOptions.Postgres,
            ["Triage:Database:ConnectionString"] = _database.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDeskCore(configuration);
        var provider = services.BuildServiceProvider();
        _servers.Add(provider);
        return provider;
    }

    private static IDataProtector Cookies(IServiceProvider server) =>
        server.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie test");

    private static bool NoKeyFiles(string directory)
    {
        var keys = Path.Combine(directory, "keys");
        return !Directory.Exists(keys) || !Directory.EnumerateFiles(keys, "*", SearchOption.AllDirectories).Any();
    }

    [PostgresFact]
    public async Task What_one_server_protects_another_unprotects()
    {
        var first = await Server();
        var second = await Server();

        var cookie = Cookies(first).Protect("signed in as reviewer@demo.local");

        Assert.Equal("signed in as reviewer@demo.local", Cookies(second).Unprotect(cookie));
        Assert.Equal("and back", Cookies(first).Unprotect(Cookies(second).Protect("and back")));
        Assert.True(NoKeyFiles(_directories[0]));
        Assert.True(NoKeyFiles(_directories[1]));
    }

    [PostgresFact]
    public async Task Every_server_reads_the_same_pseudonym_key_created_once()
    {
        var first = (await Server()).GetRequiredService<Db>();
        var second = (await Server()).GetRequiredService<Db>();
        var now = DateTimeOffset.UtcNow;

        ReporterPseudonyms[] loaded;
        await using (var a = await first.OpenAsync())
        await using (var b = await second.OpenAsync())
            loaded = await Task.WhenAll(
                ReporterPseudonyms.LoadAsync(a, _directories[0], now),
                ReporterPseudonyms.LoadAsync(b, _directories[1], now));
        await using var c = await second.OpenAsync();
        var again = await ReporterPseudonyms.LoadAsync(c, _directories[1], now);

        Assert.Equal(loaded[0].Of(42), loaded[1].Of(42));
        Assert.Equal(loaded[0].Of(42), again.Of(42));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM desk_secrets WHERE name = @SecretName", new { ReporterPseudonyms.SecretName }));
        Assert.True(NoKeyFiles(_directories[0]));
        Assert.True(NoKeyFiles(_directories[1]));
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        foreach (var directory in _directories) TempDirectory.Delete(directory);
    }
}

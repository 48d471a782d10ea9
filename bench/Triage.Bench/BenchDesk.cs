using System.Security.Claims;
using Dapper;
using MediatR;
using Npgsql;
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

    /// <summary>
    /// A PostgreSQL server to run on instead of SQLite (<c>TRIAGE_BENCH_POSTGRES</c>, a connection string for a role that
    /// may create databases): the desk gets a database named after its data directory, so a desk built once is reused.
    /// </summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("TRIAGE_BENCH_POSTGRES") is { Length: > 0 } s ? s : null;

    public static string Engine => PostgresServer is null ? "SQLite" : "PostgreSQL";

    public static async Task<BenchDesk> CreateAsync(string directory)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Triage:DataDirectory"] = directory,
            ["Triage:Demo:Password"] = "bench-password-" + Guid.NewGuid().ToString("N"),
        };
        if (PostgresServer is { } server)
        {
            var name = DatabaseName(directory);
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                if (await admin.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname = @name", new { name }) == 0)
                    await admin.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
            }
            settings["Triage:Database:Provider"] = DatabaseOptions.Postgres;
            settings["Triage:Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
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

    /// <summary>The database's size on disk, in MB: the SQLite file, or PostgreSQL's own count.</summary>
    public async Task<double> SizeMbAsync()
    {
        if (PostgresServer is null) return new FileInfo(Db.DatabasePath).Length / 1048576.0;
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT pg_database_size(current_database())") / 1048576.0;
    }

    /// <summary>Fresh planner statistics after a bulk load, as a live desk's would be.</summary>
    public static Task AnalyzeAsync(System.Data.Common.DbConnection connection) =>
        connection.ExecuteAsync(connection is NpgsqlConnection ? "ANALYZE;" : "ANALYZE main;");

    /// <summary>Lets go of every connection and, for a throwaway desk on PostgreSQL, drops its database.</summary>
    public static async Task ForgetAsync(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresServer is not { } server) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {DatabaseName(directory)} WITH (FORCE)");
    }

    private static string DatabaseName(string directory) =>
        "triage_bench_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(directory))))[..16];

    private sealed class BenchUser : ICurrentUser
    {
        public ClaimsPrincipal? Principal { get; set; }
        public bool IsSystem => false;
        public Task<ClaimsPrincipal?> GetPrincipalAsync() => Task.FromResult(Principal);
    }
}

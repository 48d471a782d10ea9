using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Triage.Server.Hosting;
using Triage.Server.Settings;
using Triage.Tests.Support;
using VerbRunner = Triage.Server.Verbs.Verbs;

namespace Triage.Tests.Hosting;

/// <summary>On PostgreSQL the desk writes no backups of its own: pg_dump does (README says how).</summary>
public sealed class PostgresBackupTests : IAsyncLifetime
{
    private readonly string _directory = TempDirectory.Create();
    private PostgresScratchDatabase _database = default!;

    public async Task InitializeAsync() => _database = await PostgresScratchDatabase.CreateAsync();

    private Dictionary<string, string?> Settings() => new()
    {
        ["Triage:DataDirectory"] = _directory,
        ["Triage:Database:Provider"] = "postgres",
        ["Triage:Database:ConnectionString"] = _database.ConnectionString,
    };

    [PostgresFact]
    public async Task The_backup_job_says_once_that_backups_are_pg_dumps_job_and_stops()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDeskCore(configuration);
        await using var provider = services.BuildServiceProvider();
        var log = new ListLogger<BackupJob>();
        var job = ActivatorUtilities.CreateInstance<BackupJob>(provider, log);

        await job.StartAsync(CancellationToken.None);
        await job.ExecuteTask!;

        var entry = Assert.Single(log.Entries);
        Assert.Contains("pg_dump", entry.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "backups")));
    }

    [PostgresFact]
    public async Task Db_backup_refuses_and_names_pg_dump()
    {
        var target = Path.Combine(_directory, "copy.db");
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await VerbRunner.RunAsync(["db", "backup", target, .. Settings().Select(s => $"--{s.Key}={s.Value}")],
            new StringReader(""), output, errors);

        Assert.Equal(1, exit);
        Assert.Equal("", output.ToString());
        Assert.Contains("pg_dump", errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        TempDirectory.Delete(_directory);
    }
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Triage.Server.Account;
using Triage.Server.Audit;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Retention;
using Triage.Server.Seeding;
using Triage.Server.Settings;
using Triage.Server.Sla;
using Triage.Server.TwoFactor;
using Triage.Server.Units;
using Triage.Server.Webhooks;

namespace Triage.Server.Hosting;

public static class CoreServices
{
    /// <summary>What every way of running the desk needs: the web host, the admin verbs and the use-case tests.</summary>
    public static IServiceCollection AddDeskCore(this IServiceCollection services, IConfiguration configuration)
    {
        DapperSetup.Apply();
        services.AddOptions<DeskOptions>().Bind(configuration.GetSection(DeskOptions.Section));
        services.AddLocalization();
        // Here rather than with the web services: use cases protect two-factor secrets, in verbs and tests too.
        // Options are read when first used, not here, so test hosts and env variables can still set the data directory.
        services.AddDataProtection().SetApplicationName("Triage");
        // On PostgreSQL several servers share the desk: the ring lives in the database, so each reads the others' cookies.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DeskOptions>, ILoggerFactory, Db, TimeProvider>((o, desk, logs, db, clock) =>
            o.XmlRepository = db.IsPostgres
                ? new DatabaseXmlRepository(db, clock)
                : new FileSystemXmlRepository(new DirectoryInfo(desk.Value.KeysDirectory), logs));
        services.TryAddSingletonTimeProvider();
        services.AddSingleton<Db>();
        services.AddSingleton<JobLease>();
        // Days and due dates are the desk's, in one zone for everyone (Triage:TimeZone); pages show times in the reader's (ReaderTime).
        services.AddSingleton(sp => new Client.Layout.DeskTime(
            TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeskOptions>>().Value.TimeZone)));
        services.AddSingleton<Stats.DailyReportCounts>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<Seeder>();
        services.AddSingleton<ActorLoader>();
        services.AddSingleton<WriteGate>();
        // Here rather than with the web services: the pipeline publishes after every commit, verbs and tests included.
        services.AddSingleton<Live.InProcessLiveBus>();
        services.AddOptions<Live.RedisOptions>().Bind(configuration.GetSection(Live.RedisOptions.Section));
        if (configuration.GetSection(Live.RedisOptions.Section).Get<Live.RedisOptions>() is { Enabled: true })
        {
            // Several servers: each still delivers its own events at once, and Redis carries them to the others.
            services.AddSingleton<Live.RedisLiveBus>();
            services.AddSingleton<Client.Live.ILiveBus>(sp => sp.GetRequiredService<Live.RedisLiveBus>());
        }
        else
        {
            services.AddSingleton<Client.Live.ILiveBus>(sp => sp.GetRequiredService<Live.InProcessLiveBus>());
        }
        services.AddSingleton<UnitScope>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<Evidence.EvidenceStore>();
        services.AddDeskPipeline();
        services.AddDeskSla(configuration);
        services.AddDeskWebhooks(configuration);
        services.AddDeskSettings();
        services.AddDeskRetention(configuration);
        services.AddDeskTwoFactor(configuration);
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Migrates, then seeds; a <see cref="StartupException"/> says why the desk cannot start.</summary>
    public static async Task PrepareDeskAsync(this IServiceProvider services, bool development, CancellationToken ct = default)
    {
        services.GetRequiredService<Migrator>().Migrate();
        await services.GetRequiredService<Seeder>().SeedAsync(development, ct);
    }
}


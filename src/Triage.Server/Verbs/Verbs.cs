using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Triage.Client.Account;
using Triage.Client.Audit;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Client.Users;
using Triage.Server.Data;
using Triage.Server.Hosting;
using Triage.Server.Pipeline;

namespace Triage.Server.Verbs;

/// <summary>
/// The admin verbs. They run the same use cases as the desk, as the system actor, against the
/// configured data directory; results go to stdout and logs to stderr, so scripts can capture them.
/// </summary>
public static class Verbs
{
    private const string Usage = """
        Usage:
          users add --email E --name N --roles R[,R] --unit CODE [--password-stdin]
          tokens issue --email E [--name LABEL]
          db backup PATH
          db copy-to-postgres --connection CS
          audit verify
        """;

    public static bool Matches(string[] args) =>
        args.Length >= 2 && (args[0], args[1]) is ("users", "add") or ("tokens", "issue") or ("db", "backup") or ("db", "copy-to-postgres") or ("audit", "verify");

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var options = Options.Parse(args.Skip(2));
        // Configuration still comes from appsettings, the environment and --Section:Key=value arguments.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':') && a.Contains('=')).ToArray() });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDeskCore(builder.Configuration);
        builder.Services.AddScoped<ICurrentUser, SystemUser>();
        await using var app = builder.Build();
        try
        {
            // Before migrating: the source of a copy must be a SQLite desk, and a PostgreSQL one is not to be touched.
            if ((args[0], args[1]) is ("db", "copy-to-postgres")) CopyToPostgres.RefuseNonSqliteSource(app.Services.GetRequiredService<Db>());
            await app.Services.PrepareDeskAsync(app.Environment.IsDevelopment());
            await using var scope = app.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            return (args[0], args[1]) switch
            {
                ("users", "add") => await AddUserAsync(mediator, scope.ServiceProvider, options, stdin, stdout, stderr),
                ("tokens", "issue") => await IssueTokenAsync(mediator, options, stdout),
                ("db", "backup") => await BackupAsync(scope.ServiceProvider.GetRequiredService<Db>(), options, stdout, stderr),
                ("db", "copy-to-postgres") => await CopyToPostgresAsync(scope.ServiceProvider, options, stdout, stderr),
                _ => await VerifyAuditAsync(mediator, stdout, stderr),
            };
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors) await stderr.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            return 2;
        }
        catch (Exception e) when (e is DeskException or StartupException or CopyToPostgresException or UsageException)
        {
            await stderr.WriteLineAsync(e.Message);
            if (e is UsageException) await stderr.WriteLineAsync(Usage);
            return e is UsageException ? 2 : 1;
        }
    }

    private static async Task<int> AddUserAsync(IMediator mediator, IServiceProvider services, Options o, TextReader stdin,
        TextWriter stdout, TextWriter stderr)
    {
        var code = o.Required("unit");
        var roles = o.Required("roles").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Roles.TryParse(r, out var role) ? role : throw new UsageException($"Unknown role '{r}'. Roles: {string.Join(", ", Roles.All.Select(x => x.Code()))}."))
            .ToList();
        var password = o.Has("password-stdin") ? (await stdin.ReadLineAsync())?.TrimEnd('\r', '\n') : null;

        var db = services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync();
        var unitId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM org_units WHERE code = @code", new { code });
        if (unitId is null)
        {
            if (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM org_units)"))
                throw new UsageException($"No unit has the code '{code}'.");
            var name = services.GetRequiredService<IOptions<DeskOptions>>().Value.Organisation.Name;
            unitId = (await mediator.Send(new AddRootUnit { Code = code, Name = name })).Id;
            await stderr.WriteLineAsync($"The desk had no units: created the top unit '{code}' ({name}).");
        }

        var added = await mediator.Send(new AddUser { Email = o.Required("email"), Name = o.Required("name"), Roles = roles, UnitId = unitId, Password = password });
        await stdout.WriteLineAsync(added.GeneratedPassword is { } generated
            ? $"Added user {added.Id}. Password (shown once): {generated}"
            : $"Added user {added.Id}.");
        return 0;
    }

    private static async Task<int> IssueTokenAsync(IMediator mediator, Options o, TextWriter stdout)
    {
        var issued = await mediator.Send(new IssueApiTokenForUser { Email = o.Required("email"), Name = o.Value("name") ?? "cli" });
        await stdout.WriteLineAsync(issued.Token);
        return 0;
    }

    private static async Task<int> BackupAsync(Db db, Options o, TextWriter stdout, TextWriter stderr)
    {
        if (db.IsPostgres)
        {
            await stderr.WriteLineAsync("db backup refuses: " + Settings.DatabaseBackup.PostgresRefusal);
            return 1;
        }
        var path = Path.GetFullPath(o.Positional.FirstOrDefault() ?? throw new UsageException("db backup needs a PATH."));
        if (File.Exists(path)) throw new UsageException($"{path} exists; choose a new file.");
        await Settings.DatabaseBackup.WriteAsync(db, path);
        await stdout.WriteLineAsync(path);
        await stderr.WriteLineAsync("Backed up the database. Copy evidence/ as files: it is append-only and content-addressed.");
        return 0;
    }

    private static async Task<int> CopyToPostgresAsync(IServiceProvider services, Options o, TextWriter stdout, TextWriter stderr)
    {
        var copy = new CopyToPostgres(services.GetRequiredService<Db>(), services.GetRequiredService<IOptions<DeskOptions>>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>());
        var summary = await copy.RunAsync(o.Required("connection"));
        var width = summary.Tables.Max(t => t.Name.Length);
        foreach (var table in summary.Tables)
            await stdout.WriteLineAsync($"{table.Name.PadRight(width)}  {table.Rows,10}");
        await stdout.WriteLineAsync(
            $"Copied {summary.Tables.Count} tables, {summary.Rows} rows in {summary.Elapsed.TotalSeconds:0.0} s to the {summary.Target}; " +
            $"counts equal, audit chain verified.");
        await stdout.WriteLineAsync(
            $"Carried {summary.DataProtectionKeys} Data Protection key(s) and {(summary.PseudonymKey ? "the" : "no")} export pseudonym key.");
        await stderr.WriteLineAsync("Copy evidence/ as files to the storage the PostgreSQL desk's servers share.");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IMediator mediator, TextWriter stdout, TextWriter stderr)
    {
        var report = await mediator.Send(new VerifyAuditChain());
        if (report.Intact)
        {
            await stdout.WriteLineAsync($"Audit chain intact: {report.CheckedEvents} events.");
            return 0;
        }
        await stderr.WriteLineAsync($"Audit chain broken at event {report.FirstBrokenEventId}: {report.Reason}");
        return 1;
    }

    private sealed class UsageException(string message) : Exception(message);

    private sealed class Options
    {
        private readonly Dictionary<string, string?> _named = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Positional { get; } = [];

        public static Options Parse(IEnumerable<string> args)
        {
            var o = new Options();
            var list = args.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var arg = list[i];
                if (!arg.StartsWith("--", StringComparison.Ordinal)) { o.Positional.Add(arg); continue; }
                if (arg.Contains(':') && arg.Contains('=')) continue; // configuration, handled by the host
                var name = arg[2..];
                var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
                o._named[name] = hasValue ? list[++i] : null;
            }
            return o;
        }

        public bool Has(string name) => _named.ContainsKey(name);
        public string? Value(string name) => _named.GetValueOrDefault(name);
        public string Required(string name) => Value(name) is { Length: > 0 } v ? v : throw new UsageException($"--{name} is required.");
    }
}

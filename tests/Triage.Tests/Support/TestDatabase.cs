using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Triage.Server.Data;

namespace Triage.Tests.Support;

/// <summary>
/// The engine a test desk runs on. SQLite (its file in the desk's data directory) unless the environment variable
/// <c>TRIAGE_TEST_POSTGRES</c> holds a connection string to a PostgreSQL server: then each desk gets a database of
/// its own, copied from a template migrated once per test run, and dropped with the desk.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "TRIAGE_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static bool IsPostgres => Server is not null;

    /// <summary>The JSON array constructor for tests that compare rows as one text: SQLite's json_array, PostgreSQL's json_build_array.</summary>
    public static string JsonArray => IsPostgres ? "json_build_array" : "json_array";

    /// <summary>The JSON array aggregate: SQLite's json_group_array, PostgreSQL's json_agg.</summary>
    public static string JsonGroupArray => IsPostgres ? "json_agg" : "json_group_array";

    /// <summary>A connection to the database of the desk at <paramref name="directory"/>, from outside the desk.</summary>
    public static async Task<System.Data.Common.DbConnection> OpenAsync(string directory)
    {
        System.Data.Common.DbConnection connection = Server is null
            ? new SqliteConnection($"Data Source={Path.Combine(directory, "triage.db")};Pooling=False")
            : new NpgsqlConnection(ConnectionString(NameFor(directory)));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The command-line settings that point an admin verb at the desk of <paramref name="directory"/>.</summary>
    public static string[] VerbArguments(string directory) =>
        [$"--Triage:DataDirectory={directory}", .. SettingsFor(directory).Select(kv => $"--{kv.Key}={kv.Value}")];

    /// <summary>Membership in a list parameter (Dapper expands it for SQLite and sends an array to PostgreSQL).</summary>
    public static string InList(string parameter) => IsPostgres ? $"= ANY({parameter})" : $"IN {parameter}";

    /// <summary>The value at a JSON path (<c>$.a.b</c>) of a JSON text column, as text on both engines.</summary>
    public static string JsonText(string column, string path) => IsPostgres
        ? $"(CAST({column} AS jsonb) #>> '{{{path[2..].Replace('.', ',')}}}')"
        : $"CAST(json_extract({column}, '{path}') AS TEXT)";

    /// <summary>Drops a trigger, as someone with direct access to the database would to rewrite history.</summary>
    public static string DropTrigger(string trigger, string table) =>
        IsPostgres ? $"DROP TRIGGER IF EXISTS {trigger} ON {table};" : $"DROP TRIGGER IF EXISTS {trigger};";

    /// <summary>A JSON text column with the member at a dotted <paramref name="path"/> set to a JSON value.</summary>
    public static string JsonSet(string column, string path, string json) => IsPostgres
        ? $"CAST(jsonb_set(CAST({column} AS jsonb), '{{{path.Replace('.', ',')}}}', '{json}') AS TEXT)"
        : $"json_set({column}, '$.{path}', json('{json}'))";

    /// <summary>A trigger that makes every insert into <paramref name="table"/> fail, to break a transaction at that point.</summary>
    public static string FailingInsertTrigger(string trigger, string table) => IsPostgres
        ? $"CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''crash''; END'; " +
          $"CREATE TRIGGER {trigger} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {trigger}();"
        : $"CREATE TRIGGER {trigger} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'crash'); END;";

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The settings that put a desk whose data directory is <paramref name="directory"/> on the engine under test:
    /// none for SQLite; for PostgreSQL a new database named after the directory.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> SettingsFor(string directory)
    {
        if (Server is null) return new Dictionary<string, string?>();
        var name = NameFor(directory);
        using (var admin = new NpgsqlConnection(Server))
        {
            admin.Open();
            if (admin.ExecuteScalar<long>("SELECT count(*) FROM pg_database WHERE datname = @name", new { name }) == 0)
                admin.Execute($"CREATE DATABASE {name} TEMPLATE {Template.Value}");
        }
        return new Dictionary<string, string?>
        {
            ["Triage:Database:Provider"] = DatabaseOptions.Postgres,
            ["Triage:Database:ConnectionString"] = ConnectionString(name),
        };
    }

    /// <summary>The same settings in the environment-variable form a desk process reads.</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentFor(string directory) =>
        SettingsFor(directory).ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value);

    /// <summary>Lets go of the desk's connections and, on PostgreSQL, drops its database.</summary>
    public static void Drop(string directory)
    {
        SqliteConnection.ClearAllPools();
        if (Server is null) return;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(Server);
        admin.Open();
        admin.Execute($"DROP DATABASE IF EXISTS {NameFor(directory)} WITH (FORCE)");
    }

    /// <summary>Directory names are GUIDs (<see cref="TempDirectory"/>), so the name is unique and safe to splice.</summary>
    private static string NameFor(string directory)
    {
        var leaf = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        if (leaf.Length == 0 || !leaf.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"A test desk's data directory must end in a plain name, not '{leaf}'.", nameof(directory));
        return "triage_t_" + leaf.ToLowerInvariant();
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    /// <summary>
    /// Migrating takes seconds; copying a migrated template takes a fraction of one. The template is per process (its
    /// id in the name), so two test runs side by side do not share one; the process drops it on exit.
    /// </summary>
    private static string CreateTemplate()
    {
        var name = $"triage_tpl_{Environment.ProcessId}";
        using (var admin = new NpgsqlConnection(Server))
        {
            admin.Open();
            admin.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            admin.Execute($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
        }
        var options = Options.Create(new DeskOptions
        {
            DataDirectory = Path.GetTempPath(),
            Database = new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = ConnectionString(name) },
        });
        DapperSetup.Apply();
        var db = new Db(options);
        new Migrator(db, TimeProvider.System, NullLogger<Migrator>.Instance).Migrate();
        db.DisposeAsync().AsTask().GetAwaiter().GetResult();
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            using var admin = new NpgsqlConnection(Server);
            admin.Open();
            admin.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        };
        return name;
    }
}

namespace Triage.Tests.Support;

/// <summary>
/// A fact that needs a PostgreSQL server. TRIAGE_TEST_POSTGRES holds a connection string to it, for a role that may
/// create databases (the test makes its own and drops it); where the variable is unset the test is skipped, so the
/// suite still runs on a machine without PostgreSQL.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "TRIAGE_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            Skip = $"Needs PostgreSQL: set {Variable} to a connection string, e.g. Host=127.0.0.1;Username=triage;Password=triage;Database=postgres.";
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}

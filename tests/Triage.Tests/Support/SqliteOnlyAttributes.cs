namespace Triage.Tests.Support;

/// <summary>
/// A fact about SQLite itself (its query plans, its file, its online backup, its migrations), skipped in the
/// PostgreSQL pass of the suite, where PostgreSQL's own counterparts are tested instead.
/// </summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgres) Skip = SqliteOnly.Reason;
    }
}

/// <inheritdoc cref="SqliteFactAttribute"/>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestDatabase.IsPostgres) Skip = SqliteOnly.Reason;
    }
}

internal static class SqliteOnly
{
    public const string Reason = "About SQLite itself; this pass runs on PostgreSQL (TRIAGE_TEST_POSTGRES is set).";
}

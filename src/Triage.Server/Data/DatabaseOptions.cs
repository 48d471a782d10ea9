namespace Triage.Server.Data;

/// <summary>The <c>Triage:Database</c> section: which engine holds the desk (DESIGN.md, configuration).</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (the default: one file under the data directory) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Npgsql's connection string when the provider is <c>postgres</c>; unused for SQLite, whose file is fixed.</summary>
    public string? ConnectionString { get; set; }
}

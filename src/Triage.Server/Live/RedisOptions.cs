namespace Triage.Server.Live;

/// <summary>The <c>Triage:Redis</c> configuration section: set when several servers share live updates.</summary>
public sealed class RedisOptions
{
    public const string Section = "Triage:Redis";

    /// <summary>A StackExchange.Redis configuration string (e.g. <c>redis1:6379,password=…</c>); unset, each server keeps its events to itself.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The pub/sub channel the servers of one desk share; desks sharing one Redis need different channels.</summary>
    public string Channel { get; set; } = "triage:live";

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}

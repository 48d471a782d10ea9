using Microsoft.Extensions.Diagnostics.HealthChecks;
using Triage.Server.Data;

namespace Triage.Server.Hosting;

/// <summary>Ready once the schema is migrated and every registered background job has beaten recently.</summary>
public sealed class ReadinessCheck(Migrator migrator, JobHeartbeats jobs) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Completed) return Task.FromResult(HealthCheckResult.Unhealthy("Migrations have not completed."));
        var stalled = jobs.Stalled();
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Background jobs not alive: {string.Join(", ", stalled)}."));
    }
}

/// <summary>Background jobs report here; a job silent for longer than its allowance is not alive.</summary>
public sealed class JobHeartbeats(TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset At, TimeSpan Allowance)> _beats = new();

    public void Beat(string job, TimeSpan allowance) => _beats[job] = (clock.GetUtcNow(), allowance);

    public IReadOnlyList<string> Stalled()
    {
        var now = clock.GetUtcNow();
        return _beats.Where(b => now - b.Value.At > b.Value.Allowance).Select(b => b.Key).Order().ToList();
    }
}

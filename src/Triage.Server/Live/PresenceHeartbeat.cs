namespace Triage.Server.Live;

/// <summary>Keeps this server's viewers known to the other servers and lets go of silent servers' (<see cref="CasePresence.Beat"/>).</summary>
public sealed class PresenceHeartbeat(CasePresence presence, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CasePresence.Heartbeat, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) presence.Beat();
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}

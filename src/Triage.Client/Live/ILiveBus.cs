namespace Triage.Client.Live;

/// <summary>
/// Publishes committed changes to whoever listens on this server. Only <see cref="LiveEvent"/> records
/// cross it, so another transport (Redis pub/sub between servers) can stand behind the same contract;
/// the handler stays in the subscriber's process.
/// </summary>
public interface ILiveBus
{
    /// <summary>Hands the event to every subscriber; never waits for them and never throws.</summary>
    void Publish(LiveEvent liveEvent);

    /// <summary>
    /// Calls <paramref name="handler"/> for each event of type <typeparamref name="TEvent"/>, one at a time,
    /// off the publisher's thread. Disposing stops delivery: no call starts after Dispose returns.
    /// </summary>
    IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent;
}

/// <summary>Who is looking at a case right now, as the case page shows it.</summary>
public sealed record Viewer(long UserId, string Name);

/// <summary>
/// The case pages open on this server. A viewer joins when the page opens and leaves when it is
/// disposed (the circuit's end disposes it too); a change is announced as a <see cref="PresenceChangedEvent"/>.
/// </summary>
public interface ICasePresence
{
    IDisposable Join(long caseId, Viewer viewer);

    /// <summary>Each user once however many tabs they have open, in the order they arrived.</summary>
    IReadOnlyList<Viewer> Viewers(long caseId);
}

using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Audit;

/// <summary>
/// Recomputes the hash chain of the audit log from the first event. A read: it writes nothing, and like
/// every query it leaves no audit event of its own.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record VerifyAuditChain : IRequest<AuditChainReport>;

/// <summary>
/// Whether the chain holds; <see cref="CheckedEvents"/> counts the events found sound (before the break, if any).
/// A broken chain names its first broken event, and when that event still exists, its time and action.
/// </summary>
public sealed record AuditChainReport(
    bool Intact,
    long CheckedEvents,
    long? FirstBrokenEventId = null,
    string? Reason = null,
    AuditBreak? Break = null,
    DateTimeOffset? FirstBrokenAt = null,
    string? FirstBrokenAction = null);

public enum AuditBreak
{
    /// <summary>The event is gone: the next one present has a later id.</summary>
    Missing,

    /// <summary>The event does not point at the hash of the event before it.</summary>
    Unlinked,

    /// <summary>The event's fields no longer give its stored hash: it was edited.</summary>
    Changed,
}

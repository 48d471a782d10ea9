using System.Text.Json.Serialization;

namespace Triage.Client.Live;

/// <summary>
/// What the desk tells open pages. Plain data with a type tag, so a transport between servers
/// (Redis pub/sub) can carry it as JSON; subscribers re-read what they show, the event only says where to look.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CaseChangedEvent), "case")]
[JsonDerivedType(typeof(NotificationsChangedEvent), "notifications")]
[JsonDerivedType(typeof(PresenceChangedEvent), "presence")]
[JsonDerivedType(typeof(CaseViewersEvent), "viewers")]
public abstract record LiveEvent;

/// <summary>
/// A committed write changed the case. The unit paths let a page skip cases it could never show
/// without asking the database: the owner, and the units its reporters belong to (readers there may read it).
/// </summary>
public sealed record CaseChangedEvent(long CaseId, long Version, string OwnerUnitPath, IReadOnlyList<string> ReporterUnitPaths) : LiveEvent
{
    /// <summary>True when the case is owned or reported within the unit's subtree (paths list ids from the root: /1/2/).</summary>
    public bool Touches(long unitId)
    {
        var segment = "/" + unitId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";
        return OwnerUnitPath.Contains(segment, StringComparison.Ordinal)
            || ReporterUnitPaths.Any(p => p.Contains(segment, StringComparison.Ordinal));
    }
}

/// <summary>The user's notifications changed: one arrived, or some were marked read.</summary>
public sealed record NotificationsChangedEvent(long UserId) : LiveEvent;

/// <summary>Someone opened or left the case page.</summary>
public sealed record PresenceChangedEvent(long CaseId) : LiveEvent;

/// <summary>
/// Between servers: who has the case page open on <paramref name="Server"/>, in full (an empty list once the last one
/// left). Servers send it on every change and again on a heartbeat, so a server that vanishes is forgotten once its
/// heartbeats stop. <paramref name="Sequence"/> grows with each snapshot a server takes, so a late one loses to a newer.
/// </summary>
public sealed record CaseViewersEvent(string Server, long Sequence, long CaseId, IReadOnlyList<Viewer> Viewers) : LiveEvent;

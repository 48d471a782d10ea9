namespace Triage.Client.Sla;

/// <summary>Which clock a due time belongs to: triage (leaving new or escalated) or the first counter-message.</summary>
public enum SlaKind
{
    Triage,
    Response,
}

/// <summary>Where a case stands against its pending due time; the grid writes it out, never as colour alone.</summary>
public enum SlaState
{
    /// <summary>No pending due: no policy for its queue, or nothing left to wait for.</summary>
    None,
    OnTrack,

    /// <summary>Less than a quarter of the window (start to due, wall-clock) is left.</summary>
    DueSoon,
    Breached,
}

/// <summary>The pending due time of a case, as a queue row or the case page shows it.</summary>
public sealed record SlaDue(SlaKind Kind, DateTimeOffset DueAt, SlaState State);

public static class SlaClock
{
    /// <summary>
    /// A quarter of the window rather than a fixed hour, so a 30-minute triage policy is not "due soon"
    /// from its first minute and a 3-day response policy warns more than an hour ahead.
    /// </summary>
    public const double DueSoonShare = 0.25;

    public static SlaState StateOf(DateTimeOffset startedAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (now >= dueAt) return SlaState.Breached;
        var window = dueAt - startedAt;
        return dueAt - now <= window * DueSoonShare ? SlaState.DueSoon : SlaState.OnTrack;
    }

    public static string Code(this SlaKind kind) => kind == SlaKind.Triage ? "triage" : "response";
}

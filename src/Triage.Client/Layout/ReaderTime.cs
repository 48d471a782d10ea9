using System.Globalization;

namespace Triage.Client.Layout;

/// <summary>
/// Shows stored UTC times in the reader's own zone (their preference, else the desk's) and the reader's culture.
/// One per circuit and one per page request: <see cref="Routes"/> sets the zone before any page renders.
/// </summary>
public sealed class ReaderTime(DeskTime desk)
{
    /// <summary>Where the session check leaves the signed-in reader's zone for <see cref="App"/> to hand on.</summary>
    public const string ItemKey = "triage.time-zone";

    public TimeZoneInfo Zone { get; private set; } = desk.Zone;

    /// <summary>Takes the reader's zone; an unknown or empty id keeps the desk's (a zone removed from the system must not break a page).</summary>
    public void Use(string? zoneId) =>
        Zone = !string.IsNullOrEmpty(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : desk.Zone;

    public string Format(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Zone).ToString("g", CultureInfo.CurrentCulture);
}

namespace Triage.Client.Layout;

/// <summary>
/// The desk's zone (Triage:TimeZone): where days, dashboard counts and SLA due dates are reckoned, the same for
/// everyone; pages show times in the reader's own zone through <see cref="ReaderTime"/>, which falls back to this one.
/// </summary>
public sealed class DeskTime(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;
}

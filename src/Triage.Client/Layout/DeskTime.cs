using System.Globalization;

namespace Triage.Client.Layout;

/// <summary>Shows stored UTC times in the desk's zone (Triage:TimeZone) and the reader's culture.</summary>
public sealed class DeskTime(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public string Format(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Zone).ToString("g", CultureInfo.CurrentCulture);
}

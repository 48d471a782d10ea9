using System.Globalization;
using System.Text.RegularExpressions;

namespace Triage.Server.Sla;

/// <summary>The <c>Triage:Sla</c> configuration section.</summary>
public sealed class SlaOptions
{
    public const string Section = "Triage:Sla";

    /// <summary>Days and opening hours in the desk's zone, e.g. <c>Mon-Fri 07:30-17:00</c> or <c>Mon,Wed,Sat 08:00-12:00</c>.</summary>
    public string BusinessHours { get; set; } = "Mon-Fri 07:30-17:00";

    /// <summary>How often the watcher looks for missed due times.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The desk's working week: which days, and one opening span per day, in local time.</summary>
public sealed partial record BusinessHours(IReadOnlySet<DayOfWeek> Days, TimeOnly Opens, TimeOnly Closes)
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static BusinessHours Parse(string text)
    {
        var match = Shape().Match(text.Trim());
        if (!match.Success)
            throw new FormatException($"Triage:Sla:BusinessHours '{text}' is not like 'Mon-Fri 07:30-17:00'.");
        var days = new HashSet<DayOfWeek>();
        foreach (var part in match.Groups["days"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            var from = Day(ends[0], text);
            var to = ends.Length > 1 ? Day(ends[1], text) : from;
            for (var d = from; ; d = (d + 1) % 7)
            {
                days.Add((DayOfWeek)d);
                if (d == to) break;
            }
        }
        var opens = TimeOnly.ParseExact(match.Groups["opens"].Value, "HH:mm", CultureInfo.InvariantCulture);
        var closes = TimeOnly.ParseExact(match.Groups["closes"].Value, "HH:mm", CultureInfo.InvariantCulture);
        if (closes <= opens)
            throw new FormatException($"Triage:Sla:BusinessHours '{text}': the desk must close after it opens, on the same day.");
        return new BusinessHours(days, opens, closes);
    }

    private static int Day(string name, string text) =>
        Array.IndexOf(DayNames, name.ToLowerInvariant()) is var i and >= 0
            ? i
            : throw new FormatException($"Triage:Sla:BusinessHours '{text}': unknown day '{name}' (use Mon, Tue, Wed, Thu, Fri, Sat, Sun).");

    /// <summary>
    /// <paramref name="minutes"/> of working time after <paramref name="start"/>, counted in <paramref name="zone"/>'s
    /// local time: work left when the desk closes carries over to the next open day.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, int minutes, TimeZoneInfo zone)
    {
        var remaining = TimeSpan.FromMinutes(minutes);
        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        // A year of minutes at one short opening a week still ends within this many days; the bound only stops a loop.
        for (var i = 0; i < 366 * 60; i++, day = day.AddDays(1), local = day.ToDateTime(TimeOnly.MinValue))
        {
            if (!Days.Contains(day.DayOfWeek)) continue;
            var open = day.ToDateTime(Opens);
            var close = day.ToDateTime(Closes);
            var from = local > open ? local : open;
            if (from >= close) continue;
            var available = close - from;
            if (remaining <= available) return ToUtc(from + remaining, zone);
            remaining -= available;
        }
        throw new InvalidOperationException("The business hours leave no working time.");
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A local time skipped by a daylight-saving jump happens at the end of the jump.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    [GeneratedRegex(@"^(?<days>[A-Za-z]{3}(\s*[-,]\s*[A-Za-z]{3})*)\s+(?<opens>\d{2}:\d{2})\s*-\s*(?<closes>\d{2}:\d{2})$")]
    private static partial Regex Shape();
}

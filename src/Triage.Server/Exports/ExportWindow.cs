using System.Data.Common;
using System.Globalization;
using Dapper;
using Triage.Client.Exports;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Server.Pipeline;

namespace Triage.Server.Exports;

/// <summary>
/// An export's filter made concrete: whole days in the desk's zone as UTC instants, and the unit's subtree as
/// a range of paths. Paths are '/1/4/'-shaped, so every path below '/1/4/' sorts between it and '/1/40'
/// ('/' is just before '0'): the unique index on path serves the subtree without LIKE.
/// </summary>
public sealed record ExportWindow(DateOnly From, DateOnly To, UnitRef Unit, DateTimeOffset Start, DateTimeOffset End, string Path, string PathEnd)
{
    public static async Task<ExportWindow> ResolveAsync(
        DbConnection connection, ExportFilter filter, Actor actor, TimeProvider clock, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var (from, to) = filter.Days(today);
        if ((filter.UnitId ?? actor.UnitId) is not { } unitId)
        {
            // Only the admin verbs act without a unit of their own: the whole tree.
            return new ExportWindow(from, to, new UnitRef(0, "all", "/"), StartOf(from, zone),
                StartOf(to.AddDays(1), zone), "/", "0");
        }
        var unit = await connection.QuerySingleOrDefaultAsync<(long Id, string Code, string Name, string Path)>(
            "SELECT id, code, name, path FROM org_units WHERE id = @unitId", new { unitId });
        if (unit.Path is null) throw new NotFoundException("unit");
        return new ExportWindow(from, to, new UnitRef(unit.Id, unit.Code, unit.Name),
            StartOf(from, zone), StartOf(to.AddDays(1), zone),
            unit.Path, unit.Path[..^1] + "0");
    }

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // In UTC, as rows are stored, so that the provider's text forms compare in time order.
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public object Args => new { start = Start, end = End, path = Path, pathEnd = PathEnd };

    /// <summary>e.g. <c>reports-D1-2026-10-28-2026-11-26.csv</c>: unit codes are letters, digits and _.-, safe in a file name.</summary>
    public string FileName(string what) => string.Create(CultureInfo.InvariantCulture, $"{what}-{Unit.Code}-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv");
}

using System.Data.Common;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Layout;
using Triage.Client.Pipeline;
using Triage.Client.Stats;
using Triage.Client.Units;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Stats;

/// <summary>
/// Every figure is scoped to the unit's subtree by its materialised path. Reports per day come from the
/// rollup kept by <see cref="DailyReportCounts"/>; the other figures read cases, whose number is a fraction of
/// the reports', through the owner, first-report and due-time columns.
/// </summary>
public sealed class GetStatsHandler(Db db, TimeProvider clock, DeskTime time) : QueryHandler<GetStats, DeskStats>(db)
{
    public const int DefaultDays = 30;
    public const int ClusterCount = 10;

    // Status codes of an enum, not input: safe to inline.
    private static readonly string Open = string.Join(", ", CaseStatuses.Open.Select(s => $"'{s.Code()}'"));
    private const string InTree = "substr(o.path, 1, length(@path)) = @path";

    protected override async Task<DeskStats> Handle(GetStats request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, time.Zone).DateTime);
        var to = request.To ?? today;
        var from = request.From ?? to.AddDays(-(DefaultDays - 1));
        var unit = await connection.QuerySingleOrDefaultAsync<(long Id, string Code, string Name, string Path)>(
            "SELECT id, code, name, path FROM org_units WHERE id = @id", new { id = request.UnitId ?? actor.UnitId }) ;
        if (unit.Path is null) throw new NotFoundException("Unit");
        var args = new
        {
            path = unit.Path, fromDay = Day(from), toDay = Day(to), start = Start(from), end = Start(to.AddDays(1)), now,
        };

        return new DeskStats(from, to, new UnitRef(unit.Id, unit.Code, unit.Name),
            await ReportsPerDayAsync(connection, args),
            await ClassificationsAsync(connection, args),
            await ByUnitAsync(connection, unit.Id, args),
            await BacklogAsync(connection, args, now),
            Summarise(await connection.QueryAsync<(string First, string At)>($"""
                SELECT c.first_reported_at, c.classified_at FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
                WHERE {InTree} AND c.classified_at >= @start AND c.classified_at < @end
                """, args)),
            // Driven from the published messages, which are few beside the cases.
            Summarise(await connection.QueryAsync<(string First, string At)>($"""
                SELECT c.first_reported_at, f.first_at
                FROM (SELECT m.case_id, min(m.published_at) AS first_at FROM counter_messages m WHERE m.status = 'published'
                      GROUP BY m.case_id HAVING min(m.published_at) >= @start AND min(m.published_at) < @end) f
                JOIN cases c ON c.id = f.case_id JOIN org_units o ON o.id = c.owner_unit_id
                WHERE {InTree}
                """, args)),
            await SlaAsync(connection, args),
            (await connection.QueryAsync<(long Id, string Email, string Name, long Open)>($"""
                SELECT u.id, u.email, u.name, count(*) FROM cases c JOIN org_units o ON o.id = c.owner_unit_id JOIN users u ON u.id = c.assignee_user_id
                WHERE c.assignee_user_id IS NOT NULL AND c.status IN ({Open}) AND {InTree} GROUP BY u.id ORDER BY count(*) DESC, u.name
                """, args)).Select(r => new ResponderLoad(new Person(r.Id, r.Email, r.Name), (int)r.Open)).ToList(),
            (await connection.QueryAsync<(long Id, string Title, long Reports, string Status)>($"""
                SELECT c.id, c.title, c.report_count, c.status FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
                WHERE {InTree} AND c.status <> 'merged' AND c.last_reported_at >= @start AND c.first_reported_at < @end
                ORDER BY c.report_count DESC, c.id LIMIT {ClusterCount}
                """, args)).Select(r => new Cluster(r.Id, r.Title, (int)r.Reports, CaseStatuses.Parse(r.Status))).ToList());
    }

    /// <summary>One query per deadline, each reading its own due-time index over the range.</summary>
    private static async Task<SlaCompliance> SlaAsync(DbConnection connection, object args)
    {
        var (triageDue, triageMet) = await connection.QuerySingleAsync<(long, long)>($"""
            SELECT count(*), count(*) FILTER (WHERE c.classified_at <= c.triage_due_at)
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
            WHERE c.triage_due_at >= @start AND c.triage_due_at < @end AND {InTree}
            """, args);
        var (responseDue, responseMet) = await connection.QuerySingleAsync<(long, long)>($"""
            SELECT count(*), count(*) FILTER (WHERE (SELECT min(m.published_at) FROM counter_messages m
                                                    WHERE m.case_id = c.id AND m.status = 'published') <= c.response_due_at)
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
            WHERE c.response_due_at >= @start AND c.response_due_at < @end AND {InTree}
            """, args);
        return new SlaCompliance((int)triageDue, (int)triageMet, (int)responseDue, (int)responseMet);
    }

    private static async Task<IReadOnlyList<DailyReports>> ReportsPerDayAsync(DbConnection connection, object args) =>
        (await connection.QueryAsync<(string Day, string Platform, long Reports, long NewCases)>($"""
            SELECT d.day, d.platform, sum(d.reports), sum(d.new_cases) FROM daily_report_counts d JOIN org_units o ON o.id = d.unit_id
            WHERE d.day BETWEEN @fromDay AND @toDay AND {InTree}
            GROUP BY d.day, d.platform ORDER BY d.day, d.platform
            """, args)).Select(r => new DailyReports(DateOnly.ParseExact(r.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Platform, (int)r.Reports, (int)r.NewCases)).ToList();

    private static async Task<IReadOnlyList<ClassificationCount>> ClassificationsAsync(DbConnection connection, object args) =>
        (await connection.QueryAsync<(string? Category, string? Verdict, long Cases)>($"""
            SELECT c.category, c.verdict, count(*) FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
            WHERE c.first_reported_at >= @start AND c.first_reported_at < @end AND {InTree} AND c.status <> 'merged'
            GROUP BY c.category, c.verdict ORDER BY count(*) DESC, c.verdict IS NULL, c.category, c.verdict
            """, args)).Select(r => new ClassificationCount(r.Category, r.Verdict, (int)r.Cases)).ToList();

    /// <summary>
    /// Each child's subtree, and the unit itself for what it holds directly (cases escalated to it, its own
    /// members' reports), so the rows add up to the whole.
    /// </summary>
    private static async Task<IReadOnlyList<UnitFigures>> ByUnitAsync(DbConnection connection, long unitId, object args)
    {
        var rows = (await connection.QueryAsync<(long Id, string Code, string Name, string Path, bool HasChildren)>("""
            SELECT u.id, u.code, u.name, u.path, EXISTS (SELECT 1 FROM org_units k WHERE k.parent_id = u.id)
            FROM org_units u WHERE u.parent_id = @unitId ORDER BY u.name
            """, new { unitId })).Select(c => (c.Id, c.Code, c.Name, c.Path, c.HasChildren, Direct: false)).ToList();
        var self = await connection.QuerySingleAsync<(long Id, string Code, string Name, string Path)>(
            "SELECT id, code, name, path FROM org_units WHERE id = @unitId", new { unitId });
        rows.Insert(0, (self.Id, self.Code, self.Name, self.Path, false, Direct: true));

        var figures = new List<UnitFigures>(rows.Count);
        foreach (var row in rows)
        {
            var scoped = new DynamicParameters(args);
            scoped.Add("path", row.Path);
            scoped.Add("self", row.Id);
            var units = row.Direct ? "o.id = @self" : InTree;
            var figure = await connection.QuerySingleAsync<(long Reports, long Open, long Breached, string? Oldest)>($"""
                SELECT (SELECT coalesce(sum(d.reports), 0) FROM daily_report_counts d JOIN org_units o ON o.id = d.unit_id
                        WHERE d.day BETWEEN @fromDay AND @toDay AND {units}),
                       count(c.id), count(c.id) FILTER (WHERE c.sla_due_at < @now), min(c.first_reported_at)
                FROM org_units o LEFT JOIN cases c ON c.owner_unit_id = o.id AND c.status IN ({Open})
                WHERE {units}
                """, scoped);
            // A unit with children that holds nothing itself needs no row of its own.
            if (row.Direct && rows.Count > 1 && figure is { Reports: 0, Open: 0 }) continue;
            figures.Add(new UnitFigures(new UnitRef(row.Id, row.Code, row.Name), row.HasChildren, (int)figure.Reports, (int)figure.Open,
                (int)figure.Breached, figure.Oldest is null ? null : DapperSetup.Parse(figure.Oldest)) { Direct = row.Direct });
        }
        return figures;
    }

    /// <summary>Counted in SQL against the bucket edges: an open backlog can be most of the cases.</summary>
    private static async Task<IReadOnlyList<BacklogBucket>> BacklogAsync(DbConnection connection, object args, DateTimeOffset now)
    {
        var scoped = new DynamicParameters(args);
        scoped.Add("day1", now - TimeSpan.FromDays(1));
        scoped.Add("day3", now - TimeSpan.FromDays(3));
        scoped.Add("day7", now - TimeSpan.FromDays(7));
        var (under1, under3, under7, older) = await connection.QuerySingleAsync<(long, long, long, long)>($"""
            SELECT count(*) FILTER (WHERE c.first_reported_at > @day1),
                   count(*) FILTER (WHERE c.first_reported_at <= @day1 AND c.first_reported_at > @day3),
                   count(*) FILTER (WHERE c.first_reported_at <= @day3 AND c.first_reported_at > @day7),
                   count(*) FILTER (WHERE c.first_reported_at <= @day7)
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE {InTree} AND c.status IN ({Open})
            """, scoped);
        return
        [
            new(BacklogAges.All[0], (int)under1), new(BacklogAges.All[1], (int)under3),
            new(BacklogAges.All[2], (int)under7), new(BacklogAges.All[3], (int)older),
        ];
    }

    /// <summary>Median and 90th percentile by the nearest-rank method, so each figure is a time some case really took.</summary>
    public static Durations Summarise(IEnumerable<(string First, string At)> rows)
    {
        var hours = rows.Select(r => (DapperSetup.Parse(r.At) - DapperSetup.Parse(r.First)).TotalHours).Order().ToList();
        if (hours.Count == 0) return new Durations(0, null, null);
        double Rank(double p) => Math.Round(hours[(int)Math.Ceiling(p * hours.Count) - 1], 2);
        return new Durations(hours.Count, Rank(0.5), Rank(0.9));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The instant a local day starts in the desk's zone.</summary>
    private DateTimeOffset Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, time.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>A dashboard names at most a unit, and it must lie in the caller's subtree (404 otherwise).</summary>
public sealed class GetStatsScope(Units.UnitScope units) : IScopeRule<GetStats>
{
    public async Task<bool> InScopeAsync(GetStats request, Actor actor, CancellationToken ct) =>
        request.UnitId is not { } unitId || await units.CoversAsync(actor, unitId, ct);
}

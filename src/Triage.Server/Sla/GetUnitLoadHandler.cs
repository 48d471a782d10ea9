using Dapper;
using Microsoft.Data.Sqlite;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Sla;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Sla;

/// <summary>
/// Open cases are the open statuses (responded included: the case still takes reports); breached are those
/// past their pending due time now; the oldest waiting case is the earliest first report among those still
/// waiting for someone (new, triaged, assigned, escalated). Each figure reads the owner/status index per unit.
/// </summary>
public sealed class GetUnitLoadHandler(Db db, TimeProvider clock) : QueryHandler<GetUnitLoad, UnitLoad>(db)
{
    private static readonly string OpenStatuses = string.Join(", ", CaseStatuses.Open.Select(s => $"'{s.Code()}'"));

    protected override async Task<UnitLoad> Handle(GetUnitLoad request, SqliteConnection connection, Actor actor, CancellationToken ct)
    {
        var unitId = request.UnitId ?? actor.UnitId ?? throw new NotFoundException("Unit");
        var unit = await connection.QuerySingleOrDefaultAsync<(long Id, string Code, string Name, string Path)>(
            "SELECT id, code, name, path FROM org_units WHERE id = @unitId", new { unitId });
        if (unit.Path is null) throw new NotFoundException("Unit");
        var trail = (await connection.QueryAsync<UnitRef>("""
            SELECT id AS Id, code AS Code, name AS Name FROM org_units
            WHERE substr(@Path, 1, length(path)) = path AND substr(path, 1, length(@ActorPath)) = @ActorPath
            ORDER BY depth
            """, new { unit.Path, ActorPath = actor.UnitPath })).ToList();
        var children = await connection.QueryAsync<(long Id, string Code, string Name, string Path, bool HasChildren)>("""
            SELECT o.id, o.code, o.name, o.path, EXISTS (SELECT 1 FROM org_units g WHERE g.parent_id = o.id)
            FROM org_units o WHERE o.parent_id = @unitId ORDER BY o.name
            """, new { unitId });

        var now = clock.GetUtcNow();
        var own = await FiguresAsync(connection, "c.owner_unit_id = @unitId", new { unitId }, now);
        var load = new List<ChildLoad>();
        foreach (var child in children)
            load.Add(new ChildLoad(new UnitRef(child.Id, child.Code, child.Name), child.HasChildren, await FiguresAsync(connection,
                "c.owner_unit_id IN (SELECT id FROM org_units WHERE substr(path, 1, length(@Path)) = @Path)", new { child.Path }, now)));
        return new UnitLoad(new UnitRef(unit.Id, unit.Code, unit.Name), trail, own, load);
    }

    private static async Task<LoadFigures> FiguresAsync(SqliteConnection connection, string owners, object args, DateTimeOffset now)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("now", now);
        var (open, breached) = await connection.QuerySingleAsync<(int, int)>($"""
            SELECT count(*), ifnull(sum(c.sla_due_at <= @now), 0) FROM cases c
            WHERE {owners} AND c.status IN ({OpenStatuses})
            """, parameters);
        var oldest = await connection.QuerySingleOrDefaultAsync<(long Id, string Title, DateTimeOffset FirstReportedAt)>($"""
            SELECT c.id, c.title, c.first_reported_at FROM cases c
            WHERE {owners} AND c.status IN ('new', 'triaged', 'assigned', 'escalated')
            ORDER BY c.first_reported_at, c.id LIMIT 1
            """, parameters);
        return new LoadFigures(open, breached,
            oldest.Title is null ? null : new WaitingCase(oldest.Id, oldest.Title, oldest.FirstReportedAt, now - oldest.FirstReportedAt));
    }
}

using System.Data.Common;
using Dapper;
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
/// waiting for someone (new, triaged, assigned, escalated). Two grouped reads over the subtree, each from an
/// index of migration 0011 alone (per owner unit and status: count and oldest; per owner unit: past due), are
/// summed per child in C#; only the oldest cases themselves are read from the table.
/// </summary>
public sealed class GetUnitLoadHandler(Db db, TimeProvider clock) : QueryHandler<GetUnitLoad, UnitLoad>(db)
{
    private static readonly string OpenStatuses = string.Join(", ", CaseStatuses.Open.Select(s => $"'{s.Code()}'"));
    private static readonly HashSet<string> Waiting = ["new", "triaged", "assigned", "escalated"];

    protected override async Task<UnitLoad> Handle(GetUnitLoad request, DbConnection connection, Actor actor, CancellationToken ct)
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
        var children = (await connection.QueryAsync<(long Id, string Code, string Name, string Path, bool HasChildren)>("""
            SELECT o.id, o.code, o.name, o.path, EXISTS (SELECT 1 FROM org_units g WHERE g.parent_id = o.id)
            FROM org_units o WHERE o.parent_id = @unitId ORDER BY o.name
            """, new { unitId })).ToList();
        var subtree = (await connection.QueryAsync<(long Id, string Path)>(
            "SELECT id, path FROM org_units WHERE substr(path, 1, length(@Path)) = @Path", new { unit.Path })).ToList();

        var now = clock.GetUtcNow();
        var byStatus = (await connection.QueryAsync<(long Owner, string Status, int Count, DateTimeOffset Oldest)>($"""
            SELECT c.owner_unit_id, c.status, count(*), min(c.first_reported_at) FROM cases c
            WHERE c.owner_unit_id IN (SELECT id FROM org_units WHERE substr(path, 1, length(@Path)) = @Path) AND c.status IN ({OpenStatuses})
            GROUP BY c.owner_unit_id, c.status
            """, new { unit.Path })).ToList();
        var pastDue = (await connection.QueryAsync<(long Owner, int Count)>("""
            SELECT c.owner_unit_id, count(*) FROM cases c
            WHERE c.owner_unit_id IN (SELECT id FROM org_units WHERE substr(path, 1, length(@Path)) = @Path)
              AND c.sla_due_at IS NOT NULL AND c.sla_due_at <= @now
            GROUP BY c.owner_unit_id
            """, new { unit.Path, now })).ToDictionary(r => r.Owner, r => r.Count);

        var own = await FiguresAsync(new HashSet<long> { unit.Id });
        var load = new List<ChildLoad>();
        foreach (var child in children)
        {
            var owners = subtree.Where(u => u.Path.StartsWith(child.Path, StringComparison.Ordinal)).Select(u => u.Id).ToHashSet();
            load.Add(new ChildLoad(new UnitRef(child.Id, child.Code, child.Name), child.HasChildren, await FiguresAsync(owners)));
        }
        return new UnitLoad(new UnitRef(unit.Id, unit.Code, unit.Name), trail, own, load);

        async Task<LoadFigures> FiguresAsync(IReadOnlySet<long> owners)
        {
            var rows = byStatus.Where(r => owners.Contains(r.Owner)).ToList();
            var oldest = rows.Where(r => Waiting.Contains(r.Status)).OrderBy(r => r.Oldest).Cast<(long Owner, string Status, int Count, DateTimeOffset Oldest)?>().FirstOrDefault();
            WaitingCase? waiting = null;
            if (oldest is { } o)
            {
                var c = await connection.QueryFirstAsync<(long Id, string Title)>("""
                    SELECT id, title FROM cases WHERE owner_unit_id = @Owner AND status = @Status AND first_reported_at = @Oldest ORDER BY id LIMIT 1
                    """, new { o.Owner, o.Status, o.Oldest });
                waiting = new WaitingCase(c.Id, c.Title, o.Oldest, now - o.Oldest);
            }
            return new LoadFigures(rows.Sum(r => r.Count), owners.Sum(id => pastDue.GetValueOrDefault(id)), waiting);
        }
    }
}

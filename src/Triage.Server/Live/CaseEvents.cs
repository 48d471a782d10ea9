using Triage.Server.Data;
using Dapper;
using Triage.Client.Live;
using Triage.Server.Pipeline;

namespace Triage.Server.Live;

/// <summary>Turns the cases a command changed into events, reading owner and reporter units as the command leaves them.</summary>
public static class CaseEvents
{
    public static async Task<IReadOnlyList<LiveEvent>> ResolveAsync(Work work)
    {
        if (work.ChangedCases.Count == 0) return work.Events;
        var rows = await work.Connection.QueryAsync<Row>($"""
            SELECT c.id AS Id, c.version AS Version, o.path AS OwnerPath,
                   (SELECT string_agg(u.path, ' ') FROM case_reporter_units cru JOIN org_units u ON u.id = cru.unit_id
                    WHERE cru.case_id = c.id) AS ReporterPaths
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
            WHERE c.id {work.Connection.InList("@ids")}
            """, new { ids = work.ChangedCases.ToArray() }, work.Transaction);
        return
        [
            .. rows.Select(r => new CaseChangedEvent(r.Id, r.Version, r.OwnerPath,
                r.ReporterPaths?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])),
            .. work.Events,
        ];
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long Version { get; init; }
        public string OwnerPath { get; init; } = "";
        public string? ReporterPaths { get; init; }
    }
}

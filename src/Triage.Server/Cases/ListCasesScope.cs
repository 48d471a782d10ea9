using Dapper;
using Triage.Client.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// A queue names at most a unit and a queue; both must lie in the caller's subtree. One outside it, or
/// none at all, answers 404 like any other thing out of scope, so a filter cannot probe other units.
/// </summary>
public sealed class ListCasesScope(Db db) : IScopeRule<ListCases>
{
    public async Task<bool> InScopeAsync(ListCases request, Actor actor, CancellationToken ct)
    {
        if (request.UnitId is null && request.QueueId is null) return true;
        await using var connection = await db.OpenAsync(ct);
        if (request.UnitId is { } unitId && !Covers(actor, await connection.ExecuteScalarAsync<string?>(
                "SELECT path FROM org_units WHERE id = @unitId", new { unitId })))
            return false;
        return request.QueueId is not { } queueId || Covers(actor, await connection.ExecuteScalarAsync<string?>(
            "SELECT o.path FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE q.id = @queueId", new { queueId }));
    }

    private static bool Covers(Actor actor, string? path) => path is not null && actor.Covers(path);
}

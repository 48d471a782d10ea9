using System.Data.Common;
using Dapper;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Units;

/// <summary>Answers "is this unit in the actor's subtree" for the scope rules of unit-bound requests.</summary>
public sealed class UnitScope(Db db)
{
    public async Task<bool> CoversAsync(Actor actor, long? unitId, CancellationToken ct)
    {
        if (unitId is null) return true; // the request's validation reports the missing field
        await using var connection = await db.OpenAsync(ct);
        return await CoversAsync(connection, actor, unitId.Value);
    }

    public static async Task<bool> CoversAsync(DbConnection connection, Actor actor, long unitId, DbTransaction? tx = null)
    {
        var path = await connection.ExecuteScalarAsync<string?>("SELECT path FROM org_units WHERE id = @unitId", new { unitId }, tx);
        return path is not null && actor.Covers(path);
    }

    /// <summary>Whether the queue's unit lies in the actor's subtree; an unknown queue is out of scope like any other.</summary>
    public async Task<bool> CoversQueueAsync(Actor actor, long queueId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var path = await connection.ExecuteScalarAsync<string?>(
            "SELECT o.path FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE q.id = @queueId", new { queueId });
        return path is not null && actor.Covers(path);
    }

    public async Task<bool> CoversUserAsync(Actor actor, long userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var path = await connection.ExecuteScalarAsync<string?>(
            "SELECT o.path FROM users u JOIN org_units o ON o.id = u.unit_id WHERE u.id = @userId", new { userId });
        return path is not null && actor.Covers(path);
    }
}

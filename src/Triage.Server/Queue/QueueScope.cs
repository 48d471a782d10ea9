using System.Text.Json;
using Dapper;
using Triage.Client.Queue;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

/// <summary>A coordinator sets up the queues of their own subtree; anyone else's queue does not exist for them (404).</summary>
public sealed class QueueScopeRules(Db db) : IScopeRule<SetQueueAssignment>
{
    public async Task<bool> InScopeAsync(SetQueueAssignment request, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var path = await connection.ExecuteScalarAsync<string?>(
            "SELECT o.path FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE q.id = @QueueId", new { request.QueueId });
        return path is not null && actor.Covers(path);
    }
}

/// <summary>The database spells strategies as the API does: <c>manual</c>, <c>round_robin</c>, <c>least_load</c>.</summary>
public static class QueueStrategies
{
    public static string Code(AssignmentStrategy strategy) => JsonNamingPolicy.SnakeCaseLower.ConvertName(strategy.ToString());

    public static AssignmentStrategy Parse(string code) =>
        Enum.GetValues<AssignmentStrategy>().Single(s => Code(s) == code);
}

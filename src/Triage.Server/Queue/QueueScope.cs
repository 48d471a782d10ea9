using System.Text.Json;
using Triage.Client.Queue;

namespace Triage.Server.Queue;

/// <summary>The database spells strategies as the API does: <c>manual</c>, <c>round_robin</c>, <c>least_load</c>.</summary>
public static class QueueStrategies
{
    public static string Code(AssignmentStrategy strategy) => JsonNamingPolicy.SnakeCaseLower.ConvertName(strategy.ToString());

    public static AssignmentStrategy Parse(string code) =>
        Enum.GetValues<AssignmentStrategy>().Single(s => Code(s) == code);
}

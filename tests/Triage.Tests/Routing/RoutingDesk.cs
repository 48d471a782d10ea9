using Triage.Client.Queue;
using Triage.Client.Reports;
using Triage.Client.Routing;
using Triage.Tests.Support;

namespace Triage.Tests.Routing;

/// <summary>Queues and rules set up through the real commands, and the facts of a case a routing test reads.</summary>
public static class RoutingDesk
{
    public const string Coordinator = "coordinator@demo.local";

    public static Task<long> Inbox(this TestDesk desk, string unit) => desk.Scalar<long>(
        "SELECT q.id FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE o.code = @unit AND q.is_inbox = TRUE", new { unit });

    public static async Task<long> NewQueue(this TestDesk desk, string unit, string name, AssignmentStrategy strategy = AssignmentStrategy.Manual) =>
        (await desk.SendAs(Coordinator, new CreateQueue { UnitId = await desk.UnitId(unit), Name = name, Strategy = strategy })).Id;

    /// <summary>A rule of <paramref name="unit"/>; <paramref name="shape"/> sets its conditions and actions.</summary>
    public static async Task<RoutingRule> NewRule(this TestDesk desk, string unit, string name, long queueId, Action<SaveRoutingRule> shape,
        string email = Coordinator)
    {
        var rule = new SaveRoutingRule { UnitId = await desk.UnitId(unit), Name = name, TargetQueueId = queueId };
        shape(rule);
        return await desk.SendAs(email, rule);
    }

    public static async Task<long> Report(this TestDesk desk, string text, string? platform = null, string email = "member@demo.local") =>
        (await desk.SendAs(email, new SubmitReport { Text = text, Platform = platform })).CaseId;

    public static Task<long> QueueOf(this TestDesk desk, long caseId) =>
        desk.Scalar<long>("SELECT queue_id FROM cases WHERE id = @caseId", new { caseId });

    public static Task<long> BoostOf(this TestDesk desk, long caseId) =>
        desk.Scalar<long>("SELECT priority_boost FROM cases WHERE id = @caseId", new { caseId });

    public static Task<string> OwnerOf(this TestDesk desk, long caseId) =>
        desk.Scalar<string>("SELECT o.code FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId", new { caseId });
}

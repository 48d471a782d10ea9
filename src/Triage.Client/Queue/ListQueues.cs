using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Queue;

/// <summary>How <c>{ auto: true }</c> picks a responder for a case of this queue.</summary>
public enum AssignmentStrategy
{
    /// <summary>No automatic choice: auto-assignment answers a field error.</summary>
    Manual,

    /// <summary>The next responder in turn after the one this queue chose last.</summary>
    RoundRobin,

    /// <summary>The responder with the fewest open assigned cases, below the queue's cap.</summary>
    LeastLoad,
}

/// <summary>The order a queue opens in; the reviewer may still sort it otherwise.</summary>
public enum QueueOrder
{
    /// <summary>Highest priority score first.</summary>
    Priority,

    /// <summary>What has waited longest first.</summary>
    Age,

    /// <summary>Most reports first.</summary>
    Reports,

    /// <summary>Nearest deadline first.</summary>
    Sla,
}

/// <summary>The queues of the caller's unit and every unit below it.</summary>
[AllowRoles(Role.Reviewer, Role.Responder, Role.Coordinator)]
public sealed record ListQueues : IRequest<IReadOnlyList<QueueInfo>>;

/// <param name="Cap">Most open cases one responder may hold through automatic assignment; null is no cap.</param>
/// <param name="Order">The order the queue opens in (last, so older callers that build a QueueInfo keep compiling).</param>
/// <param name="RequiresApproval">Counter-messages of the queue's cases need a second reviewer's approval before publishing.</param>
public sealed record QueueInfo(long Id, string Name, UnitRef Unit, bool IsInbox, AssignmentStrategy Strategy, int? Cap, int OpenCases,
    QueueOrder Order = QueueOrder.Priority, bool RequiresApproval = false);

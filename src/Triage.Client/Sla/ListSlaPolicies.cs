using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Sla;

/// <summary>
/// How long cases of a queue may wait: for triage and for the first counter-message. <see cref="Severity"/>
/// null is the queue's policy for every severity without its own, unclassified cases included.
/// </summary>
public sealed record SlaPolicy(long QueueId, int? Severity, int TriageMinutes, int ResponseMinutes, bool BusinessHours);

public static class SlaRules
{
    /// <summary>A year: enough for any real window, small enough that business-hours arithmetic stays cheap.</summary>
    public const int MaxMinutes = 525_600;

    public const string MinutesPositive = "Validation.SlaMinutesPositive";
}

/// <summary>The SLA policies of one queue, most specific (a severity) after the queue-wide one.</summary>
[AllowRoles(Role.Coordinator)]
public sealed record ListSlaPolicies(long QueueId) : IRequest<IReadOnlyList<SlaPolicy>>;

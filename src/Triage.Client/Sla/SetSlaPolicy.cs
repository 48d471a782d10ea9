using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Sla;

/// <summary>
/// Creates or replaces a queue's policy for one severity (or for any). Open cases of the queue get their
/// due times again in the same transaction, from when they entered the queue.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed class SetSlaPolicy : ICommand<SlaPolicy>
{
    public long QueueId { get; set; }

    [Range(1, 4, ErrorMessage = FieldRules.OutOfRange)]
    public int? Severity { get; set; }

    [Range(1, SlaRules.MaxMinutes, ErrorMessage = SlaRules.MinutesPositive)]
    public int TriageMinutes { get; set; }

    [Range(1, SlaRules.MaxMinutes, ErrorMessage = SlaRules.MinutesPositive)]
    public int ResponseMinutes { get; set; }

    /// <summary>Count only the desk's business hours (Triage:Sla:BusinessHours, in Triage:TimeZone).</summary>
    public bool BusinessHours { get; set; }
}

using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Sla;

/// <summary>Removes a queue's policy for one severity (or the queue-wide one); its cases fall back or lose their due times.</summary>
[AllowRoles(Role.Coordinator)]
public sealed class DeleteSlaPolicy : ICommand<bool>
{
    public long QueueId { get; set; }

    [Range(1, 4, ErrorMessage = FieldRules.OutOfRange)]
    public int? Severity { get; set; }
}

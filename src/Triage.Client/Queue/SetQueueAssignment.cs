using System.ComponentModel.DataAnnotations;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Queue;

/// <summary>A coordinator chooses how cases of a queue in their subtree are assigned automatically.</summary>
[AllowRoles(Role.Coordinator)]
public sealed class SetQueueAssignment : ICommand<QueueInfo>
{
    public long QueueId { get; set; }

    [EnumDataType(typeof(AssignmentStrategy), ErrorMessage = CaseRules.UnknownChoice)]
    public AssignmentStrategy Strategy { get; set; }

    [Range(1, 1000, ErrorMessage = FieldRules.OutOfRange)]
    public int? Cap { get; set; }
}

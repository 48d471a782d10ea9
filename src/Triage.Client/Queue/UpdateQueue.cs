using System.Diagnostics.CodeAnalysis;
using System.ComponentModel.DataAnnotations;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Queue;

/// <summary>Renames a queue and sets its order, automatic assignment and approval rule; an Inbox keeps its name.</summary>
[AllowRoles(Role.Coordinator)]
[SuppressMessage("Naming", "CA1711", Justification = "Use cases are named verb + object; the object is a queue.")]
public sealed class UpdateQueue : ICommand<QueueInfo>
{
    public long QueueId { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(80, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";

    [EnumDataType(typeof(QueueOrder), ErrorMessage = CaseRules.UnknownChoice)]
    public QueueOrder Order { get; set; }

    [EnumDataType(typeof(AssignmentStrategy), ErrorMessage = CaseRules.UnknownChoice)]
    public AssignmentStrategy Strategy { get; set; }

    [Range(1, 1000, ErrorMessage = FieldRules.OutOfRange)]
    public int? Cap { get; set; }

    /// <summary>A reviewer other than the author approves each counter-message of the queue's cases before it can be published.</summary>
    public bool RequiresApproval { get; set; }
}

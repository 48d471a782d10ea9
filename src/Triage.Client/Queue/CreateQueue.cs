using System.Diagnostics.CodeAnalysis;
using System.ComponentModel.DataAnnotations;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Queue;

/// <summary>A coordinator adds a queue to a unit of their subtree, beside its Inbox; names are unique per unit.</summary>
[AllowRoles(Role.Coordinator)]
[SuppressMessage("Naming", "CA1711", Justification = "Use cases are named verb + object; the object is a queue.")]
public sealed class CreateQueue : ICommand<QueueInfo>
{
    public long UnitId { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(80, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";

    [EnumDataType(typeof(QueueOrder), ErrorMessage = CaseRules.UnknownChoice)]
    public QueueOrder Order { get; set; }

    [EnumDataType(typeof(AssignmentStrategy), ErrorMessage = CaseRules.UnknownChoice)]
    public AssignmentStrategy Strategy { get; set; }

    [Range(1, 1000, ErrorMessage = FieldRules.OutOfRange)]
    public int? Cap { get; set; }

    /// <summary>As <see cref="UpdateQueue.RequiresApproval"/>.</summary>
    public bool RequiresApproval { get; set; }
}

/// <summary>Message keys of the queue set-up.</summary>
public static class QueueSetupRules
{
    public const string NameTaken = "Validation.QueueNameTaken";
    public const string InboxKeepsName = "Validation.InboxKeepsName";
    public const string InboxStays = "Conflict.InboxStays";
    public const string QueueNotEmpty = "Conflict.QueueNotEmpty";
    public const string QueueHasRules = "Conflict.QueueHasRules";
}

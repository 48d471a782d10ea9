using System.Diagnostics.CodeAnalysis;
using Triage.Client.Pipeline;

namespace Triage.Client.Queue;

/// <summary>
/// Removes a queue that holds no case and that no routing rule sends cases to: its cases would have
/// nowhere to be. A unit's Inbox stays.
/// </summary>
[AllowRoles(Role.Coordinator)]
[SuppressMessage("Naming", "CA1711", Justification = "Use cases are named verb + object; the object is a queue.")]
public sealed class DeleteQueue : ICommand<bool>
{
    public long QueueId { get; set; }
}

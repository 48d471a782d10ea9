using Triage.Client.Cases;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// The case goes back to the origin unit's Inbox in the status it had there (the table reads the
/// remembered status). A case with no remembered origin, which only older data can produce, stays with its owner.
/// </summary>
public sealed class DeescalateCaseHandler : CommandHandler<DeescalateCase, CaseChanged>
{
    protected override async Task<CaseChanged> Handle(DeescalateCase request, Work work, CancellationToken ct) =>
        await CaseWrites.CommitAsync(work, await CaseWrites.BeginAsync(work, request, CaseAction.Deescalation), """
            owner_unit_id = coalesce(escalated_from_unit_id, owner_unit_id),
            queue_id = CASE WHEN escalated_from_unit_id IS NULL THEN queue_id
                            ELSE (SELECT id FROM queues WHERE unit_id = escalated_from_unit_id AND is_inbox = TRUE) END,
            status_before_escalation = NULL, escalated_from_unit_id = NULL
            """);
}

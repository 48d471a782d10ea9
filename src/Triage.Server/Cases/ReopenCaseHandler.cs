using Triage.Client.Cases;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// A reopened case starts its answer over: the assignment, outcome and escalation memory of its
/// last round are cleared (the audit trail keeps them), its classification stays.
/// </summary>
public sealed class ReopenCaseHandler : CommandHandler<ReopenCase, CaseChanged>
{
    protected override async Task<CaseChanged> Handle(ReopenCase request, Work work, CancellationToken ct) =>
        await CaseWrites.CommitAsync(work, await CaseWrites.BeginAsync(work, request, CaseAction.Reopen),
            "assignee_user_id = NULL, outcome = NULL, status_before_escalation = NULL, escalated_from_unit_id = NULL");
}

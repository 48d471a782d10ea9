using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Server.Cases;
using Triage.Server.Pipeline;
using Triage.Client.Webhooks;
using Triage.Server.Webhooks;

namespace Triage.Server.Responses;

/// <summary>The table decides which statuses may close with which outcome; the assigned responder (not a reviewer) may close only what they answered.</summary>
public sealed class CloseCaseHandler : CommandHandler<CloseCase, CaseChanged>
{
    protected override async Task<CaseChanged> Handle(CloseCase request, Work work, CancellationToken ct)
    {
        var current = await CaseWrites.BeginAsync(work, request, CaseAction.Close, request.Outcome);
        if (!ResponseScopeRules.ReviewsOver(work.Actor, current.OwnerPath) && current.Status != CaseStatus.Responded)
            throw new ForbiddenException();
        var changed = await CaseWrites.CommitAsync(work, current, "outcome = @Outcome", new { request.Outcome });
        work.Detail("outcome", request.Outcome);
        await WebhookOutbox.EnqueueAsync(work, WebhookEvents.CaseClosed, current.Id);
        if (!string.IsNullOrWhiteSpace(request.Reason)) work.Detail("reason", request.Reason.Trim());
        return changed;
    }
}

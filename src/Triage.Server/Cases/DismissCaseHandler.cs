using Triage.Client.Cases;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>The reason travels in the audit event with the request; the case keeps its classification for a reopen.</summary>
public sealed class DismissCaseHandler : CommandHandler<DismissCase, CaseChanged>
{
    protected override async Task<CaseChanged> Handle(DismissCase request, Work work, CancellationToken ct) =>
        await CaseWrites.CommitAsync(work, await CaseWrites.BeginAsync(work, request, CaseAction.Dismissal));
}

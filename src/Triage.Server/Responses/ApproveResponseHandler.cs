using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Responses;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

/// <summary>Approval is a second pair of eyes, so the author's own approval does not count.</summary>
public sealed class ApproveResponseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<ApproveResponse, ResponseSaved>
{
    protected override async Task<ResponseSaved> Handle(ApproveResponse request, Work work, CancellationToken ct)
    {
        var message = await ResponseWrites.LoadAsync(work, request.ResponseId);
        if (message.AuthorId == work.Actor.UserId)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["response"] = [localizer[ResponseRules.OwnMessage]] });
        if (!message.RequiresApproval)
            throw new ConflictException(ResponseRules.ApprovalNotRequired, "This case's queue does not ask for approval.");
        if (message.State is not (ResponseStatus.Draft or ResponseStatus.AwaitingApproval))
            throw new ConflictException(ResponseRules.NotADraft, "Only a message not yet approved or published can be approved.");

        await work.Connection.ExecuteAsync("""
            UPDATE counter_messages SET status = 'approved', approved_by = @by, approved_at = @Now, updated_at = @Now WHERE id = @Id
            """, new { by = work.Actor.UserId, work.Now, message.Id }, work.Transaction);
        work.Subject("case", message.CaseId);
        work.Detail("response", message.Id);
        work.Detail("approved", true);
        return new ResponseSaved(message.Id, ResponseStatus.Approved);
    }
}

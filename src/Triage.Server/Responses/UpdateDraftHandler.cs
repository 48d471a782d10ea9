using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Responses;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

/// <summary>A draft is its author's own work until it leaves draft; after that an edit would change what was approved or published.</summary>
public sealed class UpdateDraftHandler(IStringLocalizer<Strings> localizer) : CommandHandler<UpdateDraft, ResponseSaved>
{
    protected override async Task<ResponseSaved> Handle(UpdateDraft request, Work work, CancellationToken ct)
    {
        var message = await ResponseWrites.LoadAsync(work, request.ResponseId);
        if (message.AuthorId != work.Actor.UserId)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["response"] = [localizer[ResponseRules.NotYourDraft]] });
        // While it waits the author may still improve it: the reviewer approves what the message says when they approve.
        if (message.State is not (ResponseStatus.Draft or ResponseStatus.AwaitingApproval))
            throw new ConflictException(ResponseRules.NotADraft, "Only a draft can be edited.");

        await work.Connection.ExecuteAsync("""
            UPDATE counter_messages SET kind = @Kind, channel = @Channel, language = @Language, fact = @Fact, myth = @Myth,
                fallacy = @Fallacy, fact_again = @FactAgain, text = @Text, updated_at = @Now
            WHERE id = @ResponseId
            """, new
        {
            request.ResponseId, request.Kind, request.Channel, request.Language, Fact = DraftResponseHandler.Blank(request.Fact),
            Myth = DraftResponseHandler.Blank(request.Myth), Fallacy = DraftResponseHandler.Blank(request.Fallacy),
            FactAgain = DraftResponseHandler.Blank(request.FactAgain), Text = request.Text.Trim(), work.Now,
        }, work.Transaction);
        work.Subject("case", message.CaseId);
        work.Detail("response", message.Id);
        return new ResponseSaved(message.Id, message.State);
    }
}

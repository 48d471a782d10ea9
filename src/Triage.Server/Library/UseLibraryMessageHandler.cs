using Dapper;
using Triage.Client.Library;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Library;

/// <summary>Counts the use and remembers it on the case; the case itself was checked readable by the scope rule.</summary>
public sealed class UseLibraryMessageHandler : CommandHandler<UseLibraryMessage, LibraryDraft>
{
    protected override async Task<LibraryDraft> Handle(UseLibraryMessage request, Work work, CancellationToken ct)
    {
        var message = await work.Connection.QuerySingleOrDefaultAsync<(string Title, string Text, string Language, string? Claim, long UsageCount)>("""
            UPDATE library_messages SET usage_count = usage_count + 1 WHERE id = @MessageId
            RETURNING title, text, language, claim, usage_count
            """, new { request.MessageId }, work.Transaction);
        if (message.Title is null) throw new NotFoundException("Library message");
        await work.Connection.ExecuteAsync("""
            INSERT INTO library_usage (message_id, case_id, used_by_user_id, used_at) VALUES (@MessageId, @CaseId, @userId, @Now)
            """, new { request.MessageId, request.CaseId, userId = work.Actor.UserId, work.Now }, work.Transaction);
        var countermeasures = (await work.Connection.QueryAsync<string>(
            "SELECT countermeasure_id FROM library_message_countermeasures WHERE message_id = @MessageId ORDER BY countermeasure_id",
            new { request.MessageId }, work.Transaction)).ToList();

        work.Subject("library_message", request.MessageId);
        work.Detail("caseId", request.CaseId);
        return new LibraryDraft(request.MessageId, request.CaseId, message.Title, message.Text, message.Language, message.Claim,
            countermeasures, message.UsageCount);
    }
}

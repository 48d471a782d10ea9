using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Resources;
using Triage.Client.Responses;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

/// <summary>The draft and, when the body already says where it went out, its publication: one transaction, one answer.</summary>
public sealed class DraftResponseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<DraftResponse, ResponseSaved>
{
    protected override async Task<ResponseSaved> Handle(DraftResponse request, Work work, CancellationToken ct)
    {
        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO counter_messages (case_id, author_user_id, kind, channel, language, fact, myth, fallacy, fact_again, text,
                                          created_at, updated_at)
            VALUES (@CaseId, @author, @Kind, @Channel, @Language, @Fact, @Myth, @Fallacy, @FactAgain, @Text, @Now, @Now)
            RETURNING id
            """, new
        {
            request.CaseId, author = work.Actor.UserId, request.Kind, request.Channel, request.Language,
            Fact = Blank(request.Fact), Myth = Blank(request.Myth), Fallacy = Blank(request.Fallacy),
            FactAgain = Blank(request.FactAgain), Text = request.Text.Trim(), work.Now,
        }, work.Transaction);
        work.Subject("case", request.CaseId);
        work.Detail("response", id);

        if (request.PublishedUrl is not { } url || request.PublishedAt is not { } at) return new ResponseSaved(id, ResponseStatus.Draft);
        await ResponseWrites.PublishAsync(work, await ResponseWrites.LoadAsync(work, id), url, at, localizer);
        return new ResponseSaved(id, ResponseStatus.Published);
    }

    internal static string? Blank(string? part) => string.IsNullOrWhiteSpace(part) ? null : part.Trim();
}

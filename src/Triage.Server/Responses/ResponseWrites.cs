using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Responses;
using Triage.Server.Cases;
using Triage.Server.Notifications;
using Triage.Server.Pipeline;
using Triage.Client.Webhooks;
using Triage.Server.Webhooks;

namespace Triage.Server.Responses;

/// <summary>What the response commands share: reading a message with its case's facts, and publishing it.</summary>
public static class ResponseWrites
{
    public sealed class Message
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public long AuthorId { get; init; }
        public string Status { get; init; } = "";
        public bool RequiresApproval { get; init; }
        public string Text { get; init; } = "";
        public ResponseStatus State => ResponseStatuses.Parse(Status);
    }

    public static async Task<Message> LoadAsync(Work work, long responseId) =>
        await work.Connection.QuerySingleOrDefaultAsync<Message>("""
            SELECT m.id AS Id, m.case_id AS CaseId, m.author_user_id AS AuthorId, m.status AS Status,
                   q.requires_approval AS RequiresApproval, m.text AS Text
            FROM counter_messages m JOIN cases c ON c.id = m.case_id JOIN queues q ON q.id = c.queue_id
            WHERE m.id = @responseId
            """, new { responseId }, work.Transaction) ?? throw new NotFoundException("Response");

    /// <summary>
    /// The case moves through the transition table (assigned or responded → responded) with a version bump,
    /// so a page holding the old version learns something changed. Each member who reported the case hears
    /// the outcome once per publication.
    /// </summary>
    public static async Task PublishAsync(Work work, Message message, string url, DateTimeOffset publishedAt, IStringLocalizer<Strings> localizer)
    {
        if (message.State == ResponseStatus.Published) throw new ConflictException(ResponseRules.AlreadyPublished, "This counter-message is already published.");
        if (message.RequiresApproval && message.State != ResponseStatus.Approved)
            throw new ConflictException(ResponseRules.NeedsApproval, "This case's queue requires an approval before publishing.");
        if (publishedAt > work.Now + ResponseCodes.PublishedAtSkew)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["publishedAt"] = [localizer[ResponseRules.InFuture]] });

        var version = await work.Connection.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @CaseId", new { message.CaseId }, work.Transaction);
        var current = await CaseWrites.BeginAsync(work, new At(message.CaseId, version), CaseAction.Publication);
        await work.Connection.ExecuteAsync("""
            UPDATE counter_messages SET status = 'published', published_url = @url, published_at = @publishedAt, updated_at = @Now
            WHERE id = @Id
            """, new { url, publishedAt, work.Now, message.Id }, work.Transaction);
        await CaseWrites.CommitAsync(work, current);
        await WebhookOutbox.EnqueueAsync(work, WebhookEvents.CaseResponded, message.CaseId);
        work.Detail("response", message.Id);
        work.Detail("publishedUrl", url);

        var reporters = await work.Connection.QueryAsync<long>("""
            SELECT DISTINCT r.reporter_user_id FROM reports r WHERE r.case_id = @CaseId AND r.reporter_user_id <> @actor AND r.reporter_pseudonym IS NULL
            """, new { message.CaseId, actor = work.Actor.UserId ?? -1 }, work.Transaction);
        foreach (var reporter in reporters)
            await NotificationWrites.AddAsync(work, reporter, NotificationKind.Outcome, message.CaseId, url);
    }

    /// <summary>A publication is not a versioned write (DESIGN.md); it is based on whatever version the case has now.</summary>
    private sealed record At(long CaseId, long? ExpectedVersion) : IVersionedCaseCommand;
}

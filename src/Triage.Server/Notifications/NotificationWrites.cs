using Dapper;
using Triage.Client.Live;
using Triage.Client.Notifications;
using Triage.Server.Pipeline;

namespace Triage.Server.Notifications;

/// <summary>Commands that tell someone about their work write the notification in their own transaction.</summary>
public static class NotificationWrites
{
    public const int ExcerptLength = 200;

    public static async Task AddAsync(Work work, long userId, NotificationKind kind, long caseId, string? excerpt = null)
    {
        await work.Connection.ExecuteAsync("""
            INSERT INTO notifications (user_id, kind, case_id, from_user_id, excerpt, created_at)
            VALUES (@userId, @kind, @caseId, @from, @excerpt, @Now)
            """, new { userId, kind = Code(kind), caseId, from = work.Actor.UserId, excerpt = Excerpt(excerpt), work.Now }, work.Transaction);
        work.Announce(new NotificationsChangedEvent(userId));
    }

    public static string Code(NotificationKind kind) => kind.ToString().ToLowerInvariant();

    private static string? Excerpt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= ExcerptLength ? flat : flat[..(ExcerptLength - 1)].TrimEnd() + "…";
    }
}

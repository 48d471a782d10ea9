using System.Data.Common;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Notifications;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Notifications;

/// <summary>Ids grow with time, so newest first is id descending, on the (user, id) indexes.</summary>
public sealed class ListMyNotificationsHandler(Db db) : QueryHandler<ListMyNotifications, NotificationPage>(db)
{
    protected override async Task<NotificationPage> Handle(ListMyNotifications request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        if (actor.UserId is not { } me) return new NotificationPage([], 0);
        var args = new { me, unreadOnly = request.UnreadOnly ? 1 : 0, request.Limit };
        var items = (await connection.QueryAsync<Row>("""
            SELECT n.id AS Id, n.kind AS Kind, n.case_id AS CaseId, c.title AS CaseTitle, n.excerpt AS Excerpt,
                   n.created_at AS At, n.read_at IS NOT NULL AS IsRead, f.id AS FromId, f.email AS FromEmail, f.name AS FromName
            FROM notifications n LEFT JOIN cases c ON c.id = n.case_id LEFT JOIN users f ON f.id = n.from_user_id
            WHERE n.user_id = @me AND (@unreadOnly = 0 OR n.read_at IS NULL)
            ORDER BY n.id DESC
            LIMIT @Limit
            """, args))
            .Select(n => new Notification(n.Id, Enum.Parse<NotificationKind>(n.Kind, ignoreCase: true), n.CaseId, n.CaseTitle,
                n.FromId is { } from ? new Person(from, n.FromEmail!, n.FromName!) : null, n.Excerpt, n.At, n.IsRead))
            .ToList();
        var unread = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM notifications WHERE user_id = @me AND read_at IS NULL", args);
        return new NotificationPage(items, unread);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public long? CaseId { get; init; }
        public string? CaseTitle { get; init; }
        public string? Excerpt { get; init; }
        public DateTimeOffset At { get; init; }
        public bool IsRead { get; init; }
        public long? FromId { get; init; }
        public string? FromEmail { get; init; }
        public string? FromName { get; init; }
    }
}

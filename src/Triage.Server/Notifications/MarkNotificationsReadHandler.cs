using Triage.Server.Data;
using Dapper;
using Triage.Client.Live;
using Triage.Client.Notifications;
using Triage.Server.Pipeline;

namespace Triage.Server.Notifications;

/// <summary>Someone else's notification id is simply not among the caller's: it is left alone, not reported.</summary>
public sealed class MarkNotificationsReadHandler : CommandHandler<MarkNotificationsRead, int>
{
    protected override async Task<int> Handle(MarkNotificationsRead request, Work work, CancellationToken ct)
    {
        if (work.Actor.UserId is not { } me) return 0;
        var all = request.Ids is null || request.Ids.Count == 0;
        // The interpolation only chooses between two fixed texts; the ids themselves are bound.
        var marked = await work.Connection.ExecuteAsync($"""
            UPDATE notifications SET read_at = @Now
            WHERE user_id = @me AND read_at IS NULL{(all ? "" : " AND id " + work.Connection.InList("@ids"))}
            """, new { me, work.Now, ids = request.Ids ?? [] }, work.Transaction);
        work.Detail("marked", marked);
        // The user's other tabs show the same bell.
        if (marked > 0) work.Announce(new NotificationsChangedEvent(me));
        return marked;
    }
}

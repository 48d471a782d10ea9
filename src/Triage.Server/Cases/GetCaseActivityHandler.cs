using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Triage.Client.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// The timeline is read from the audit log itself, so it can never tell a different story from the trail:
/// every event about the case, and the merge of another case into it (recorded on that other case).
/// Comments are audited too but come once, in their own list. Report submissions are not on the
/// timeline: the reports list shows them, and only it knows whom the caller may see as a reporter. The one
/// exception is where routing placed a new case, recorded on the report that opened it: that event shows
/// without its actor and with the routing details only.
/// </summary>
public sealed class GetCaseActivityHandler(Db db) : QueryHandler<GetCaseActivity, CaseActivity>(db)
{
    protected override async Task<CaseActivity> Handle(GetCaseActivity request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var args = new { request.CaseId, entityId = request.CaseId.ToString(CultureInfo.InvariantCulture) };
        // CROSS JOIN keeps the few merged sources outside: left to itself the planner walks every case event instead.
        var events = await connection.QueryAsync<EventRow>($"""
            SELECT e.id AS EventId, e.occurred_at AS At, e.action AS Action, e.data AS Data, NULL AS MergedCaseId,
                   u.id AS ActorId, u.email AS ActorEmail, u.name AS ActorName
            FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
            WHERE e.entity_type = 'case' AND e.entity_id = @entityId AND e.action <> 'CommentOnCase'
            UNION ALL
            SELECT e.id, e.occurred_at, e.action, e.data, s.id, u.id, u.email, u.name
            FROM cases s
            {connection.OrderedJoin()} audit_events e ON e.entity_type = 'case' AND e.entity_id = CAST(s.id AS TEXT)
            LEFT JOIN users u ON u.id = e.actor_user_id
            WHERE s.merged_into_case_id = @CaseId AND e.action = 'MergeCase'
              AND {connection.JsonInteger("e.data", "$.details.mergedIntoCaseId")} = @CaseId
            UNION ALL
            SELECT e.id, e.occurred_at, e.action, e.data, NULL, NULL, NULL, NULL
            FROM reports r
            {connection.OrderedJoin()} audit_events e ON e.entity_type = 'report' AND e.entity_id = CAST(r.id AS TEXT)
            WHERE r.case_id = @CaseId AND e.action = 'SubmitReport'
              AND {connection.JsonInteger("e.data", "$.details.caseId")} = @CaseId AND {connection.JsonText("e.data", "$.details.routedQueue")} IS NOT NULL
            ORDER BY 1
            """, args);
        var timeline = events.Select(e => new TimelineEntry(e.EventId, e.At, e.Action,
            e.ActorId is { } id ? new Person(id, e.ActorEmail!, e.ActorName!) : null, Details(e))).ToList();

        var mentions = (await connection.QueryAsync<(long CommentId, long Id, string Email, string Name)>("""
            SELECT m.comment_id, u.id, u.email, u.name
            FROM case_comments c JOIN comment_mentions m ON m.comment_id = c.id JOIN users u ON u.id = m.user_id
            WHERE c.case_id = @CaseId
            """, args)).ToLookup(m => m.CommentId, m => new Person(m.Id, m.Email, m.Name));
        var comments = (await connection.QueryAsync<CommentRow>("""
            SELECT c.id AS Id, c.text AS Text, c.created_at AS At, u.id AS AuthorId, u.email AS AuthorEmail, u.name AS AuthorName
            FROM case_comments c JOIN users u ON u.id = c.author_user_id
            WHERE c.case_id = @CaseId
            ORDER BY c.id
            """, args))
            .Select(c => new CaseComment(c.Id, request.CaseId, new Person(c.AuthorId, c.AuthorEmail, c.AuthorName), c.Text, [.. mentions[c.Id]], c.At))
            .ToList();
        return new CaseActivity(timeline, comments);
    }

    /// <summary>
    /// The request's fields, then what the handler recorded (which wins on a clash), as flat text:
    /// lists joined with commas, absent values left out.
    /// </summary>
    private static Dictionary<string, string> Details(EventRow e)
    {
        var details = new Dictionary<string, string>();
        using var data = JsonDocument.Parse(e.Data);
        // The report that opened the case shows only where routing placed it: who reported what is the reports list's to tell.
        var opening = e.Action == "SubmitReport";
        foreach (var part in opening ? new[] { "details" } : new[] { "request", "details" })
        {
            if (!data.RootElement.TryGetProperty(part, out var fields) || fields.ValueKind != JsonValueKind.Object) continue;
            foreach (var field in fields.EnumerateObject())
                if ((!opening || RoutingKeys.Contains(field.Name)) && Text(field.Value) is { } text) details[field.Name] = text;
        }
        if (e.MergedCaseId is { } merged) details["mergedCaseId"] = merged.ToString(CultureInfo.InvariantCulture);
        return details;
    }

    private static readonly HashSet<string> RoutingKeys = ["routedQueue", "routedQueueId", "routedRule", "routedRuleId", "priorityBoost", "ownerUnitId"];

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text).OfType<string>()),
        _ => value.GetRawText(),
    };

    private sealed class EventRow
    {
        public long EventId { get; init; }
        public DateTimeOffset At { get; init; }
        public string Action { get; init; } = "";
        public string Data { get; init; } = "";
        public long? MergedCaseId { get; init; }
        public long? ActorId { get; init; }
        public string? ActorEmail { get; init; }
        public string? ActorName { get; init; }
    }

    private sealed class CommentRow
    {
        public long Id { get; init; }
        public string Text { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public long AuthorId { get; init; }
        public string AuthorEmail { get; init; } = "";
        public string AuthorName { get; init; } = "";
    }
}

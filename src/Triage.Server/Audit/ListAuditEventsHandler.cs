using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Audit;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Audit;

/// <summary>
/// The audit log for an admin, newest first after an opaque cursor (see <see cref="AuditQuery"/>). An actor is
/// named by id, email or "system"; one that names nobody is a field error rather than an empty page, since an
/// empty page would read as "this person did nothing".
/// </summary>
public sealed class ListAuditEventsHandler(Db db, IStringLocalizer<Strings> localizer) : QueryHandler<ListAuditEvents, AuditEventPage>(db)
{
    public const int HashPrefixLength = 12;

    protected override async Task<AuditEventPage> Handle(ListAuditEvents request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        long? before = null;
        if (!string.IsNullOrEmpty(request.Cursor))
        {
            if (AuditCursor.TryParse(request.Cursor, out var id)) before = id;
            else errors["cursor"] = [localizer[QueueRules.CursorInvalid]];
        }
        if (request.From is { } from && request.To is { } to && from > to)
            errors["to"] = [localizer[AuditRules.FromAfterTo]];

        AuditActor? who = null;
        if (!string.IsNullOrWhiteSpace(request.Actor))
        {
            var named = request.Actor.Trim();
            if (string.Equals(named, ListAuditEvents.SystemActor, StringComparison.OrdinalIgnoreCase)) who = AuditActor.System;
            else
            {
                var userId = long.TryParse(named, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? await connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE id = @number", new { number })
                    : await connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE email = @named", new { named });
                if (userId is { } found) who = new AuditActor(found);
                else errors["actor"] = [localizer[AuditRules.UnknownActor, named]];
            }
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var limit = Math.Clamp(request.Limit, 1, ListAuditEvents.MaxLimit);
        var query = AuditQuery.Build(request, who, before, limit + 1);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(query.Sql, query.Parameters, cancellationToken: ct))).ToList();
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? AuditCursor.Encode(page[^1].Id) : null;
        return new AuditEventPage(page.Select(r => new AuditEventItem(
            r.Id, r.At, r.ActorId is { } id ? new Person(id, r.ActorEmail!, r.ActorName!) : null, r.RecordedActor, r.Action,
            r.EntityType, r.EntityId, Details(r.Data), r.Hash[..Math.Min(HashPrefixLength, r.Hash.Length)])).ToList(), next);
    }

    /// <summary>
    /// The event's data as flat text: the request's fields, then what the handler recorded (which wins on a clash,
    /// as on the case timeline), then anything else the writer stored at the top. Lists are joined with commas,
    /// nested objects kept as JSON, absent values left out.
    /// </summary>
    public static Dictionary<string, string> Details(string data)
    {
        var details = new Dictionary<string, string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            // An event edited by hand may no longer be JSON; the log still shows what is there.
            details["data"] = data;
            return details;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                details["data"] = document.RootElement.GetRawText();
                return details;
            }
            var root = document.RootElement;
            foreach (var part in new[] { "request", "details" })
                if (root.TryGetProperty(part, out var fields) && fields.ValueKind == JsonValueKind.Object)
                    foreach (var field in fields.EnumerateObject())
                        if (Text(field.Value) is { } text) details[field.Name] = text;
            foreach (var field in root.EnumerateObject())
                if (field.Name is not ("request" or "details") && Text(field.Value) is { } text) details.TryAdd(field.Name, text);
        }
        return details;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text).OfType<string>()),
        _ => value.GetRawText(),
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public string RecordedActor { get; init; } = "";
        public long? ActorId { get; init; }
        public string? ActorEmail { get; init; }
        public string? ActorName { get; init; }
        public string Action { get; init; } = "";
        public string? EntityType { get; init; }
        public string? EntityId { get; init; }
        public string Data { get; init; } = "";
        public string Hash { get; init; } = "";
    }
}

/// <summary>Whom an audit filter names: a user by id, or the desk itself (no user).</summary>
public sealed record AuditActor(long? UserId)
{
    public static readonly AuditActor System = new((long?)null);
}

/// <summary>
/// The log's SQL, public so a test can EXPLAIN exactly what runs. Pages walk down the event id (the chain's
/// order) from the cursor: with no filter that is the table itself; an actor, a case or an action walks its
/// index, whose entries run in id order after the key, so no sort either; a time window alone reads
/// migration 0017's time index and sorts only the window's ids. No OFFSET, no COUNT.
/// </summary>
public static class AuditQuery
{
    public sealed record Query(string Sql, DynamicParameters Parameters);

    public static Query Build(ListAuditEvents filter, AuditActor? actor, long? before, int take)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Take", take);
        var where = new List<string>();
        if (before is { } id) Add("e.id < @Before", "Before", id);
        if (actor is { UserId: { } userId }) Add("e.actor_user_id = @ActorUserId", "ActorUserId", userId);
        else if (actor is not null) Add("e.actor_user_id IS NULL AND e.actor = @SystemActor", "SystemActor", ListAuditEvents.SystemActor);
        if (filter.CaseId is { } caseId)
        {
            where.Add("e.entity_type = 'case'");
            Add("e.entity_id = @CaseId", "CaseId", caseId.ToString(CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action)) Add("e.action = @Action", "Action", filter.Action.Trim());
        // Stored times are fixed-width UTC text, so text comparison is time order.
        if (filter.From is { } from) Add("e.occurred_at >= @From", "From", DapperSetup.Format(from));
        if (filter.To is { } to) Add("e.occurred_at < @To", "To", DapperSetup.Format(to));

        var sql = $"""
            SELECT e.id AS Id, e.occurred_at AS At, e.actor AS RecordedActor, u.id AS ActorId, u.email AS ActorEmail, u.name AS ActorName,
                   e.action AS Action, e.entity_type AS EntityType, e.entity_id AS EntityId, e.data AS Data, e.hash AS Hash
            FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
            {(where.Count > 0 ? "WHERE " + string.Join("\n  AND ", where) : "")}
            ORDER BY e.id DESC
            LIMIT @Take
            """;
        return new Query(sql, parameters);

        void Add(string term, string name, object value)
        {
            where.Add(term);
            parameters.Add(name, value);
        }
    }
}

/// <summary>Where a page of the log ended: the last event's id, as base64url text.</summary>
public static class AuditCursor
{
    private const string Prefix = "audit|";

    public static string Encode(long id) =>
        OpaqueCursor.Encode(Prefix + id.ToString(CultureInfo.InvariantCulture));

    /// <summary>False for anything this code did not write, including another list's cursor.</summary>
    public static bool TryParse(string text, out long id)
    {
        id = 0;
        if (!OpaqueCursor.TryDecode(text, out var decoded)) return false;
        return decoded.StartsWith(Prefix, StringComparison.Ordinal)
               && long.TryParse(decoded.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}

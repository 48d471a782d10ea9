using System.Globalization;
using MediatR;
using Microsoft.Extensions.Localization;
using Triage.Client.Audit;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;

namespace Triage.Server.Audit;

/// <summary>
/// GET /api/v1/audit and GET /api/v1/audit/verification. Verifying is a GET: it only reads, changes nothing
/// and may be repeated at will, so it needs no antiforgery token and a monitoring script can call it with a
/// bearer token like any other read. Query parameters are read by hand so a bad one is a field error in the
/// same problem shape as the request's own rules.
/// </summary>
public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (HttpContext http, IMediator m, IStringLocalizer<Strings> localizer, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(Parse(http.Request.Query, localizer), ct)))
            .Produces<AuditEventPage>()
            .ProducesValidationProblem()
            .WithDescription("""
                The audit log, newest first: { items, nextCursor }. Filters: actor (a user id, an email, or "system"),
                caseId (events whose subject is that case), action (as stored, e.g. ClassifyCase), from (inclusive) and
                to (exclusive) as ISO 8601 times; cursor (nextCursor of the previous page); limit (1-200, default 50).
                Admin only.
                """);
        api.MapGet("/audit/verification", (IMediator m, CancellationToken ct) => m.Send(new VerifyAuditChain(), ct))
            .Produces<AuditChainReport>()
            .WithDescription("""
                Recomputes the audit log's hash chain: { intact, checkedEvents, firstBrokenEventId, reason, break,
                firstBrokenAt, firstBrokenAction }. The same check as the `audit verify` verb. Admin only.
                """);
    }

    public static ListAuditEvents Parse(IQueryCollection query, IStringLocalizer<Strings> localizer)
    {
        var errors = new Dictionary<string, string[]>();
        var request = new ListAuditEvents
        {
            Actor = Text("actor"),
            Action = Text("action"),
            Cursor = Text("cursor"),
            CaseId = Number("caseId"),
            From = Time("from"),
            To = Time("to"),
        };
        if (Number("limit") is { } limit) request = request with { Limit = (int)Math.Clamp(limit, int.MinValue, int.MaxValue) };
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return request;

        string? Text(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        long? Number(string name)
        {
            if (Text(name) is not { } text) return null;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            errors[name] = [localizer[QueueRules.NotANumber]];
            return null;
        }

        DateTimeOffset? Time(string name)
        {
            if (Text(name) is not { } text) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
            errors[name] = [localizer[AuditRules.NotATime]];
            return null;
        }
    }
}

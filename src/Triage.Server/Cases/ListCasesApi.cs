using System.Globalization;
using MediatR;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;

namespace Triage.Server.Cases;

/// <summary>
/// GET /api/v1/cases: the queue over HTTP. Query parameters are read by hand so a bad one is a field
/// error in the same problem shape as the request's own rules, not a bare 400 from binding.
/// </summary>
public static class ListCasesApi
{
    public static void MapListCasesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cases", async (HttpContext http, IMediator m, IStringLocalizer<Strings> localizer, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(Parse(http.Request.Query, localizer), ct)))
            .Produces<CasePage>()
            .ProducesValidationProblem()
            .WithDescription("""
                The caller's queues, one page at a time: { items, nextCursor }. Filters: status (comma list; default the open
                statuses), q (full text, diacritics optional), unit (a unit id in your subtree), queue, assigned (true|false),
                platform, category, verdict, severity; sort (priority|age|reports|recent|sla); cursor (nextCursor of the previous
                page); limit (1-200, default 50).
                """);
    }

    public static ListCases Parse(IQueryCollection query, IStringLocalizer<Strings> localizer)
    {
        var errors = new Dictionary<string, string[]>();
        var request = new ListCases
        {
            Q = Text("q"),
            Platform = Text("platform"),
            Category = Text("category"),
            Verdict = Text("verdict"),
            Cursor = Text("cursor"),
            UnitId = Number("unit"),
            QueueId = Number("queue"),
            Severity = Int("severity"),
        };
        if (Int("limit") is { } limit) request.Limit = limit;
        if (Text("assigned") is { } assigned)
        {
            if (bool.TryParse(assigned, out var value)) request.Assigned = value;
            else errors["assigned"] = [localizer[QueueRules.NotABoolean]];
        }
        if (Text("sort") is { } sort)
        {
            if (Enum.TryParse<CaseSort>(sort, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(sort[0])) request.Sort = value;
            else errors["sort"] = [localizer[QueueRules.UnknownSort, sort]];
        }
        if (Text("status") is { } status)
        {
            var codes = status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = codes.Where(c => !Enum.GetValues<CaseStatus>().Any(s => string.Equals(s.Code(), c, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0) errors["status"] = [localizer[QueueRules.UnknownStatus, string.Join(", ", unknown)]];
            else request.Statuses = codes.Select(CaseStatuses.Parse).Distinct().ToList();
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return request;

        string? Text(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        int? Int(string name) => Number(name) is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;

        long? Number(string name)
        {
            if (Text(name) is not { } text) return null;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            errors[name] = [localizer[QueueRules.NotANumber]];
            return null;
        }
    }
}

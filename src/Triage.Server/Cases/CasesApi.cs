using System.Globalization;
using MediatR;
using Triage.Client.Cases;

namespace Triage.Server.Cases;

public static class CasesApi
{
    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id:long}", async (long id, IMediator m, HttpContext http, CancellationToken ct) =>
        {
            var detail = await m.Send(new GetCase(id), ct);
            http.Response.Headers.ETag = ETag(detail.Version);
            return TypedResults.Ok(detail);
        }).WithDescription("One case with its reports. The ETag is the case's version: send it as If-Match with every write.");

        MapWrite<ClassifyCase>(api, "classification");
        MapWrite<AssignCase>(api, "assignment");
        MapWrite<DismissCase>(api, "dismissal");
        MapWrite<ReopenCase>(api, "reopen");
        MapWrite<EscalateCase>(api, "escalation");
        MapWrite<DeescalateCase>(api, "deescalation");
        MapWrite<MergeCase>(api, "merge");

        api.MapPost("/cases/{id:long}/split", async (long id, SplitCase request, IMediator m, HttpContext http, CancellationToken ct) =>
            {
                request.CaseId = id;
                request.ExpectedVersion = ParseIfMatch(http.Request.Headers.IfMatch.ToString());
                var split = await m.Send(request, ct);
                http.Response.Headers.ETag = ETag(split.SourceVersion);
                return TypedResults.Created($"/api/v1/cases/{split.CaseId}", split);
            })
            .Produces<CaseSplit>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithDescription("If-Match is the source case's ETag; the returned ETag is the source's new version.");
    }

    private static void MapWrite<T>(RouteGroupBuilder api, string action) where T : VersionedCaseCommand, IRequest<CaseChanged>
    {
        api.MapPost($"/cases/{{id:long}}/{action}", async (long id, T request, IMediator m, HttpContext http, CancellationToken ct) =>
            {
                request.CaseId = id;
                request.ExpectedVersion = ParseIfMatch(http.Request.Headers.IfMatch.ToString());
                var changed = await m.Send(request, ct);
                http.Response.Headers.ETag = ETag(changed.Version);
                return TypedResults.Ok(changed);
            })
            .Produces<CaseChanged>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithDescription("Requires If-Match with the case's current ETag: 428 without it, 412 when the case has changed since.");
    }

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// <c>"12"</c> or <c>12</c> names version 12; no header names nothing (428). A weak tag, <c>*</c>, a list
    /// or anything else can never match a strong version, so it becomes 0, which no case has (412).
    /// </summary>
    public static long? ParseIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var tag = header.Trim();
        if (tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"') tag = tag[1..^1];
        return long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version : 0;
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using MediatR;
using Triage.Client.Cases;
using Triage.Client.Responses;
using Triage.Server.Api;
using Triage.Server.Cases;

namespace Triage.Server.Responses;

/// <summary>The routes of counter-messaging: drafting, approving, publishing, reach, and closing the case.</summary>
public static class ResponsesApi
{
    /// <summary>
    /// Vietnamese stays readable in the downloaded file; characters that matter in HTML stay escaped, since
    /// ClaimReview is usually pasted into a page's script tag.
    /// </summary>
    private static readonly JsonSerializerOptions ClaimReviewJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static void MapResponsesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id:long}/responses", async (long id, IMediator m, CancellationToken ct) =>
                new Page<CaseResponse>(await m.Send(new ListCaseResponses(id), ct), null))
            .WithDescription("The case's counter-messages, oldest first, each with its latest reach and reach history.");

        api.MapPost("/cases/{id:long}/responses", async (long id, DraftResponse request, IMediator m, CancellationToken ct) =>
            {
                request.CaseId = id;
                var saved = await m.Send(request, ct);
                return TypedResults.Created($"/api/v1/cases/{id}/responses", saved);
            })
            .Produces<ResponseSaved>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithDescription("A draft by the caller; with publishedUrl and publishedAt it is published at once, unless the queue requires approval (409).");

        api.MapPut("/responses/{id:long}", (long id, UpdateDraft request, IMediator m, CancellationToken ct) =>
            {
                request.ResponseId = id;
                return m.Send(request, ct);
            })
            .Produces<ResponseSaved>()
            .ProducesValidationProblem()
            .WithDescription("Rewrites a draft: its author only, while it is a draft.");

        api.MapPost("/responses/{id:long}/approval", (long id, IMediator m, CancellationToken ct) => m.Send(new ApproveResponse(id), ct))
            .Produces<ResponseSaved>()
            .WithDescription("A reviewer other than the author approves; only where the case's queue requires approval.");

        api.MapPost("/responses/{id:long}/approval-request", (long id, IMediator m, CancellationToken ct) => m.Send(new RequestApproval(id), ct))
            .Produces<ResponseSaved>()
            .WithDescription("The author sends a draft for approval (status awaiting_approval); the owning unit's reviewers are notified.");

        api.MapPost("/responses/{id:long}/publication", (long id, PublishResponse request, IMediator m, CancellationToken ct) =>
            {
                request.ResponseId = id;
                return m.Send(request, ct);
            })
            .Produces<ResponseSaved>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("publishedUrl (http or https) and publishedAt; the case becomes responded and its reporters are notified.");

        api.MapPatch("/responses/{id:long}/reach", (long id, RecordReach request, IMediator m, CancellationToken ct) =>
            {
                request.ResponseId = id;
                return m.Send(request, ct);
            })
            .Produces<ResponseReach>()
            .ProducesValidationProblem()
            .WithDescription("Appends a reading of views, reactions, shares, comments (at least one, none negative); answers the latest figures and history.");

        api.MapGet("/cases/{id:long}/claimreview", async (long id, IMediator m, CancellationToken ct) =>
                TypedResults.Json(await m.Send(new GetClaimReview(id), ct), ClaimReviewJson, "application/ld+json"))
            .Produces<ClaimReviewDocument>(contentType: "application/ld+json")
            .WithDescription("schema.org ClaimReview JSON-LD of the case's latest published debunk; 404 before one is published.");

        api.MapPost("/cases/{id:long}/close", async (long id, CloseCase request, IMediator m, HttpContext http, CancellationToken ct) =>
            {
                request.CaseId = id;
                request.ExpectedVersion = CasesApi.ParseIfMatch(http.Request.Headers.IfMatch.ToString());
                var changed = await m.Send(request, ct);
                http.Response.Headers.ETag = CasesApi.ETag(changed.Version);
                return TypedResults.Ok(changed);
            })
            .Produces<CaseChanged>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithDescription("{ outcome, reason? }; requires If-Match with the case's ETag.");
    }
}

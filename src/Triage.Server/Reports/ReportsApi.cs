using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Triage.Client.Cases;
using Triage.Client.Reports;

namespace Triage.Server.Reports;

public static class ReportsApi
{
    /// <summary>Five screenshots of 5 MB and the form fields; a bigger body is refused before it is read.</summary>
    public const long MaxBody = SubmitReport.MaxScreenshots * (long)SubmitReport.MaxScreenshotBytes + 1024 * 1024;

    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/reports", SubmitAsync)
            .Accepts<SubmitReport>("application/json", "multipart/form-data")
            .Produces<SubmittedReport>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBody))
            .WithDescription("Files a report. JSON, or multipart/form-data with the same fields and up to 5 files named 'screenshots' " +
                             "(PNG, JPEG or WebP, at most 5 MB each). Send an Idempotency-Key header: a retry returns the first answer.");
        api.MapGet("/reports/mine", async (long? cursor, int? limit, IMediator m, CancellationToken ct) =>
            await m.Send(new ListMyReports(cursor, limit ?? 50), ct));
        api.MapGet("/cases/similar", async (string? text, int? limit, IMediator m, CancellationToken ct) =>
            await m.Send(new FindSimilarCases { Text = text ?? "", Limit = limit ?? 10 }, ct));
        api.MapGet("/evidence/{sha256}", async (string sha256, IMediator m, HttpContext http, CancellationToken ct) =>
        {
            var file = await m.Send(new GetEvidence(sha256.ToLowerInvariant()), ct);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, max-age=86400, immutable";
            return TypedResults.PhysicalFile(file.Path, file.ContentType, enableRangeProcessing: false);
        });
    }

    private static async Task<IResult> SubmitAsync(HttpRequest http, IMediator mediator, CancellationToken ct)
    {
        SubmitReport request;
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            var files = form.Files.GetFiles("screenshots");
            if (files.Any(f => f.Length > SubmitReport.MaxScreenshotBytes))
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: $"A screenshot is over {SubmitReport.MaxScreenshotBytes / (1024 * 1024)} MB.");
            request = new SubmitReport
            {
                Url = form["url"], Platform = form["platform"], Text = form["text"], Category = form["category"], Note = form["note"],
                Screenshots = await ReportUploads.ReadAsync(files, ct),
            };
        }
        else
        {
            // The route's limit makes room for screenshots, which JSON never carries.
            if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = Api.ApiLimits.MaxJsonBody;
            try
            {
                request = await http.ReadFromJsonAsync<SubmitReport>(ct) ?? new SubmitReport();
            }
            catch (JsonException e)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON.", detail: e.Message);
            }
        }
        request.IdempotencyKey = http.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null;
        var result = await mediator.Send(request, ct);
        return TypedResults.Created($"/api/v1/cases/{result.CaseId}", result);
    }
}

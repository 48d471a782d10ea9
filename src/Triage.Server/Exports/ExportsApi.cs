using System.Net.Mime;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Triage.Client.Exports;

namespace Triage.Server.Exports;

/// <summary>
/// Cases and reports as CSV downloads. The request goes through the pipeline first, so a refusal is still
/// a problem-details answer; only then does the file start, written as the rows are read.
/// </summary>
public static class ExportsApi
{
    public static void MapExportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/exports/cases.csv", async (DateOnly? from, DateOnly? to, long? unit, IMediator m, CancellationToken ct) =>
            {
                var export = await m.Send(new ExportCases { From = from, To = to, UnitId = unit }, ct);
                return new CsvDownload(export.FileName, (body, token) => ExportCsv.WriteCasesAsync(body, export.Rows, token));
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .WithDescription("?from=YYYY-MM-DD&to=YYYY-MM-DD (days in the desk's zone, both included; default the last 30 days)&unit=id " +
                             "(default the caller's unit): cases first reported then and owned in the unit's subtree, as CSV (UTF-8 with BOM).");

        api.MapGet("/exports/reports.csv", async (DateOnly? from, DateOnly? to, long? unit, IMediator m, CancellationToken ct) =>
            {
                var export = await m.Send(new ExportReports { From = from, To = to, UnitId = unit }, ct);
                return new CsvDownload(export.FileName, (body, token) => ExportCsv.WriteReportsAsync(body, export.Rows, token));
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .WithDescription("The same filters: reports submitted then by reporters of the unit's subtree, reporters pseudonymised, as CSV.");

        api.MapGet("/exports/size", async (DateOnly? from, DateOnly? to, long? unit, IMediator m, CancellationToken ct) =>
                await m.Send(new CountExport { From = from, To = to, UnitId = unit }, ct))
            .Produces<ExportSize>()
            .WithDescription("How many rows each export of these filters has, with the defaults resolved.");
    }

    private sealed class CsvDownload(string fileName, Func<Stream, CancellationToken, Task<long>> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var response = http.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = new ContentDisposition { DispositionType = "attachment", FileName = fileName }.ToString();
            response.Headers.CacheControl = "no-store";
            await write(response.Body, http.RequestAborted);
        }
    }
}

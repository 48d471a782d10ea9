using MediatR;
using Microsoft.AspNetCore.Mvc;
using Triage.Client.Imports;

// Feature folders carry the use case's name in both projects; the desk is written in C# only, where "Imports" is no keyword.
[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Triage.Server.Imports",
    Justification = "C# only; the namespace follows the feature folder.")]

namespace Triage.Server.Imports;

public static class ImportsApi
{
    /// <summary>The file's limit and room for the form around it; a bigger body is refused before it is read.</summary>
    public const long MaxBody = ImportColumns.MaxBytes + 64 * 1024;

    public static void MapImportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/reports", ImportAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportedReports>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBody))
            .WithDescription("Imports reports from a CSV file (UTF-8, at most 5 MB and 10,000 rows) sent as the multipart field 'file'. " +
                             "Columns are found by header: url, text, platform, category, note, reportedAt (their Vietnamese names too); " +
                             "map others with form fields 'columns[url]=My header'. Optional form field 'unitId' (default your unit). " +
                             "?dryRun=true answers what would be imported and keeps nothing. Answers { rows: [{ line, ok, errors }], created, merged }.");
    }

    private static async Task<IResult> ImportAsync(HttpRequest http, bool? dryRun, IMediator mediator, CancellationToken ct)
    {
        if (!http.HasFormContentType)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the CSV as multipart/form-data in the field 'file'."] });
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooBig();
        }
        if (form.Files.GetFile("file") is not { } file)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the CSV as multipart/form-data in the field 'file'."] });
        if (file.Length > ImportColumns.MaxBytes) return TooBig();

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        var columns = ImportColumns.Fields
            .Where(f => form.ContainsKey($"columns[{f}]"))
            .ToDictionary(f => f, f => form[$"columns[{f}]"].ToString());
        long? unitId = long.TryParse(form["unitId"], System.Globalization.CultureInfo.InvariantCulture, out var unit) ? unit : null;
        var result = await mediator.Send(new ImportReports
        {
            File = bytes, FileName = file.FileName, DryRun = dryRun == true, Columns = columns.Count > 0 ? columns : null, UnitId = unitId,
        }, ct);
        return TypedResults.Ok(result);
    }

    /// <summary>For a file just over the limit and for a body Kestrel cut off at <see cref="MaxBody"/> alike.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooBig() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: $"The file is over {ImportColumns.MaxBytes / (1024 * 1024)} MB.",
        detail: $"Split it into files of at most {ImportColumns.MaxBytes / (1024 * 1024)} MB and {ImportColumns.MaxRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows each.");
}

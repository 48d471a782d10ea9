using MediatR;
using Microsoft.AspNetCore.Mvc;
using Triage.Client.Pipeline;
using Triage.Client.Taxonomy;
using Triage.Server.Api;

namespace Triage.Server.Taxonomy;

public static class TaxonomyApi
{
    public static void MapTaxonomyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/taxonomy", (IMediator m, CancellationToken ct) => m.Send(new GetTaxonomy(), ct))
            .WithDescription("The verdicts, categories and platforms offered now; retired terms are left out.");

        api.MapGet("/taxonomy/{kind}", async (string kind, IMediator m, CancellationToken ct) =>
                new Page<TaxonomyTerm>(await m.Send(new ListTaxonomyTerms(KindOf(kind)), ct), null))
            .WithDescription("Admin: every verdict or category (kind verdict|category), retired ones included, in offered order.");

        api.MapPost("/taxonomy/{kind}", async (string kind, AddTaxonomyTerm request, IMediator m, CancellationToken ct) =>
            {
                request.Kind = KindOf(kind);
                await m.Send(request, ct);
                return TypedResults.Created($"/api/v1/taxonomy/{request.Kind.Code()}/{request.Code.Trim()}");
            })
            .ProducesValidationProblem()
            .WithDescription("Admin: { code, labelVi, labelEn }; the code is lower-case snake and unique within its kind, both labels are required.");

        api.MapPut("/taxonomy/{kind}/{code}", async (string kind, string code, UpdateTaxonomyTerm request, IMediator m, CancellationToken ct) =>
            {
                request.Kind = KindOf(kind);
                request.Code = code;
                await m.Send(request, ct);
                return TypedResults.NoContent();
            })
            .WithDescription("Admin: { labelVi, labelEn }; the code never changes.");

        api.MapPut("/taxonomy/{kind}", async (string kind, ReorderTaxonomyTerms request, IMediator m, CancellationToken ct) =>
            {
                request.Kind = KindOf(kind);
                await m.Send(request, ct);
                return TypedResults.NoContent();
            })
            .WithDescription("Admin: { codes }: every code of the kind (retired ones too) once, in the new order.");

        api.MapPost("/taxonomy/{kind}/{code}/retirement", async (string kind, string code, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new SetTaxonomyTermRetired(KindOf(kind), code, true), ct);
                return TypedResults.NoContent();
            })
            .WithDescription("Admin: no longer offered; cases that hold the code keep it and its label.");

        api.MapDelete("/taxonomy/{kind}/{code}/retirement", async (string kind, string code, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new SetTaxonomyTermRetired(KindOf(kind), code, false), ct);
            return TypedResults.NoContent();
        });

        api.MapPost("/disarm/techniques/import", ImportAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<DisarmImportResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(DisarmImportRules.MaxBytes + 64 * 1024))
            .WithDescription("Admin: multipart 'file', a DISARM techniques CSV (UTF-8; columns disarm_id or id, name, tactic_id; others ignored; " +
                             "at most 1 MB). dryRun=true answers { rows: [{ line, id, ok, errors, change }], added, updated, unchanged, kept } " +
                             "and writes nothing; without it the same answer after the import, which writes nothing if any row has errors.");
    }

    /// <summary>Only the two editable kinds by their codes; anything else (platform, a number) is no such list.</summary>
    private static TermKind KindOf(string kind) => kind switch
    {
        "verdict" => TermKind.Verdict,
        "category" => TermKind.Category,
        _ => throw new NotFoundException("Taxonomy kind"),
    };

    private static async Task<IResult> ImportAsync(HttpRequest http, bool? dryRun, IMediator mediator, CancellationToken ct)
    {
        if (!http.HasFormContentType || (await http.ReadFormAsync(ct)).Files.GetFile("file") is not { } file)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the CSV as the multipart field 'file'."] });
        if (file.Length > DisarmImportRules.MaxBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: $"The file is over {DisarmImportRules.MaxBytes / 1024} KB.");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        return TypedResults.Ok(dryRun == true
            ? await mediator.Send(new CheckDisarmTechniques(content), ct)
            : await mediator.Send(new ImportDisarmTechniques(content), ct));
    }
}

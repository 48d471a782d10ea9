using MediatR;
using Microsoft.AspNetCore.Mvc;
using Triage.Client.Onboarding;
using Triage.Client.Pipeline;
using Triage.Client.Resources;

namespace Triage.Server.Onboarding;

public static class OnboardingApi
{
    public static void MapOnboardingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/users", ImportAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<UserImportAnswer>()
            .ProducesValidationProblem()
            // A little over the file limit, so an oversized file still reaches the check that names the limit.
            .WithMetadata(new RequestSizeLimitAttribute(UserImportFile.MaxBytes + 1024 * 1024))
            .WithDescription("Imports users from a CSV (UTF-8; columns email, name, unit, and optionally roles and language) sent as " +
                             "multipart field 'file'. With dryRun=true nothing is written. Otherwise the valid rows are created without " +
                             "passwords and each gets a one-time activation link, returned only in this answer.");
        api.MapGet("/invites", async (int? limit, IMediator m, CancellationToken ct) =>
            new Api.Page<InviteSummary>(await m.Send(new ListInvites(limit ?? 100), ct), null));
        api.MapPost("/invites", async (CreateInvite request, IMediator m, HttpContext http, CancellationToken ct) =>
        {
            var created = await m.Send(request, ct);
            return TypedResults.Created($"/api/v1/invites/{created.Id}", new { created.Id, link = BaseUri(http) + created.Path, created.ExpiresAt });
        });
        api.MapPost("/invites/{id:long}/revoke", async (long id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RevokeInvite(id), ct);
            return TypedResults.NoContent();
        });
    }

    private static async Task<IResult> ImportAsync(bool? dryRun, HttpRequest http, IMediator mediator,
        Microsoft.Extensions.Localization.IStringLocalizer<Strings> localizer, CancellationToken ct)
    {
        IFormFile? file = null;
        try
        {
            if (http.HasFormContentType) file = (await http.ReadFormAsync(ct)).Files.GetFile("file");
        }
        catch (InvalidDataException)
        {
            // A multipart body that does not parse holds no file either; answered below like a missing one.
        }
        if (file is null)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = [localizer[FieldRules.Required]] });
        using var buffer = new MemoryStream((int)Math.Min(file.Length, UserImportFile.MaxBytes + 1L));
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var result = dryRun == true ? await mediator.Send(new CheckUserImport(bytes), ct) : await mediator.Send(new ImportUsers(bytes), ct);
        var baseUri = BaseUri(http.HttpContext);
        return TypedResults.Ok(new UserImportAnswer(result.Rows, result.Valid, result.Invalid, result.Created,
            result.Activations.Select(a => new ActivationLink(a.UserId, a.Email, a.Name, a.Unit, baseUri + a.Path, a.ExpiresAt)).ToList()));
    }

    private static string BaseUri(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    public sealed record UserImportAnswer(IReadOnlyList<ImportRow> Rows, int Valid, int Invalid, int Created, IReadOnlyList<ActivationLink> Activations);

    public sealed record ActivationLink(long UserId, string Email, string Name, string Unit, string Link, DateTimeOffset ExpiresAt);
}

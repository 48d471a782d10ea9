using MediatR;
using Triage.Server.Api;
using Triage.Client.Library;

namespace Triage.Server.Library;

/// <summary>The library of approved messages: search, add, change, and start a case's draft from one.</summary>
public static class LibraryApi
{
    public static void MapLibraryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/library", (string? q, string? category, long? caseId, string? cursor, int? limit, IMediator m, CancellationToken ct) =>
                m.Send(new SearchLibrary { Q = q, Category = category, CaseId = caseId, Cursor = cursor, Limit = limit ?? 20 }, ct))
            .Produces<LibraryPage>()
            .ProducesValidationProblem()
            .WithDescription("Approved messages holding every word of q (folded: \"tiem vac xin\" finds \"tiêm vắc xin\"); with caseId, " +
                             "those used on that case and its similar cases first, then the most used, then the newest.");

        api.MapPost("/library", async (SaveLibraryMessage request, IMediator m, CancellationToken ct) =>
            {
                request.Id = null;
                var message = await m.Send(request, ct);
                return TypedResults.Created($"/api/v1/library/{message.Id}", message);
            })
            .Produces<LibraryMessage>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithDescription("Adds an approved message: title, text, language (vi or en), category code, claim, countermeasures (C00xxx).");

        api.MapPut("/library/{id:long}", (long id, SaveLibraryMessage request, IMediator m, CancellationToken ct) =>
            {
                request.Id = id;
                return m.Send(request, ct);
            })
            .Produces<LibraryMessage>()
            .ProducesValidationProblem()
            .WithDescription("Replaces an approved message; its usage is kept.");

        api.MapPost("/library/{id:long}/use", (long id, UseLibraryMessage request, IMediator m, CancellationToken ct) =>
            {
                request.MessageId = id;
                return m.Send(request, ct);
            })
            .Produces<LibraryDraft>()
            .WithDescription("{ caseId }: counts a use of the message on that case and answers the parts a draft starts from.");

        api.MapGet("/library/countermeasures", async (IMediator m, CancellationToken ct) =>
                new Page<DisarmCountermeasure>(await m.Send(new ListDisarmCountermeasures(), ct), null))
            .WithDescription("The DISARM countermeasures (CC BY-SA 4.0) a message may be tagged with.");
    }
}

using MediatR;
using Triage.Client.Units;

namespace Triage.Server.Units;

public static class UnitsApi
{
    public static void MapUnitsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units", async (IMediator m, CancellationToken ct) => new Api.Page<UnitNode>(await m.Send(new ListUnits(), ct), null));
        api.MapGet("/units/{id:long}", (long id, IMediator m, CancellationToken ct) => m.Send(new GetUnit(id), ct));
        api.MapPost("/units", async (AddUnit request, IMediator m, CancellationToken ct) =>
        {
            var unit = await m.Send(request, ct);
            return TypedResults.Created($"/api/v1/units/{unit.Id}", unit);
        });
        api.MapPost("/units/{id:long}/name", async (long id, RenameBody body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RenameUnit { Id = id, Name = body.Name ?? "" }, ct);
            return TypedResults.NoContent();
        });
        api.MapPost("/units/{id:long}/move", async (long id, MoveBody body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new MoveUnit { Id = id, NewParentId = body.NewParentId }, ct);
            return TypedResults.NoContent();
        });
    }

    private sealed record RenameBody(string? Name);

    private sealed record MoveBody(long? NewParentId);
}

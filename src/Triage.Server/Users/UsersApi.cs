using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Users;

namespace Triage.Server.Users;

public static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/users", async (string? q, Role? role, long? unit, bool? includeDisabled, string? cursor, int? limit,
            IMediator m, CancellationToken ct) =>
        {
            var page = await m.Send(new ListUsers(q, role, unit, includeDisabled ?? true, cursor, limit ?? 50), ct);
            return new Api.Page<UserSummary>(page.Items, page.NextCursor);
        });
        api.MapPost("/users", async (AddUser request, IMediator m, CancellationToken ct) =>
        {
            var added = await m.Send(request, ct);
            return TypedResults.Created($"/api/v1/users/{added.Id}", added);
        });
        api.MapPut("/users/{id:long}", async (long id, UpdateUser request, IMediator m, CancellationToken ct) =>
        {
            request.UserId = id;
            await m.Send(request, ct);
            return TypedResults.NoContent();
        });
        api.MapPost("/users/{id:long}/disable", async (long id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new SetUserDisabled(id, true), ct);
            return TypedResults.NoContent();
        });
        api.MapPost("/users/{id:long}/enable", async (long id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new SetUserDisabled(id, false), ct);
            return TypedResults.NoContent();
        });
        api.MapDelete("/users/{id:long}/sessions", async (long id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new EndUserSessions(id), ct);
            return TypedResults.NoContent();
        });
        api.MapPost("/users/{id:long}/password-reset", (long id, IMediator m, CancellationToken ct) => m.Send(new ResetPassword(id), ct));
    }
}

using MediatR;
using Triage.Client.Account;

namespace Triage.Server.Account;

public static class AccountApi
{
    public static void MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (IMediator m, CancellationToken ct) => m.Send(new GetMe(), ct));
        api.MapGet("/me/preferences", (IMediator m, CancellationToken ct) => m.Send(new GetPreferences(), ct))
            .WithDescription("The caller's own settings: whether screenshots start blurred, and the time zone pages show times in (null: the desk's).");
        api.MapPut("/me/preferences/time-zone", (SetTimeZone request, IMediator m, CancellationToken ct) => m.Send(request, ct))
            .WithDescription("Chooses the caller's time zone by IANA id (a Windows id is translated); null goes back to the desk's.");
        api.MapGet("/tokens", async (IMediator m, CancellationToken ct) =>
            new Api.Page<ApiTokenInfo>(await m.Send(new ListMyApiTokens(), ct), null));
        api.MapPost("/tokens", async (IssueApiToken request, IMediator m, CancellationToken ct) =>
        {
            var issued = await m.Send(request, ct);
            return TypedResults.Created($"/api/v1/tokens/{issued.Id}", issued);
        });
        api.MapGet("/users/tokens", async (long? unit, bool? includeRevoked, IMediator m, CancellationToken ct) =>
                new Api.Page<UserApiToken>(await m.Send(new ListApiTokens(unit, includeRevoked ?? true), ct), null))
            .WithDescription("Admin: the API tokens of the users in the caller's subtree (unit narrows it), active first; never the token itself.");
        api.MapDelete("/tokens/{id:long}", async (long id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RevokeApiToken(id), ct);
            return TypedResults.NoContent();
        });
    }
}

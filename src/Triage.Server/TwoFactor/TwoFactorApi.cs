using MediatR;
using Triage.Client.TwoFactor;

namespace Triage.Server.TwoFactor;

/// <summary>Status and the admin's reset only: enrolment shows a secret and needs a person, so it stays in the pages.</summary>
public static class TwoFactorApi
{
    public static void MapTwoFactorApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/two-factor", (IMediator m, CancellationToken ct) => m.Send(new GetTwoFactorStatus(), ct))
            .WithDescription("The caller's two-factor sign-in: enabled, recovery codes left, and whether a role requires it.");
        api.MapDelete("/users/{id:long}/two-factor", async (long id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new ResetTwoFactor(id), ct);
            return TypedResults.NoContent();
        }).WithDescription("Removes a user's authenticator and recovery codes (a lost phone). A coordinator only below their rank.");
    }
}

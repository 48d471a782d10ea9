using MediatR;
using Microsoft.AspNetCore.Mvc;
using Triage.Client.Retention;

namespace Triage.Server.Retention;

public static class RetentionApi
{
    public static void MapRetentionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/retention", (IMediator m, CancellationToken ct) => m.Send(new GetRetention(), ct))
            .WithDescription("Admin: the retention period in force (days after a case is closed or dismissed; 0 keeps), the configured one, " +
                             "how many cases are due, and the job's last run.");
        api.MapPut("/retention", (SetRetention request, IMediator m, CancellationToken ct) => m.Send(request, ct))
            .WithDescription("Admin: { closedCaseDays } (0-3650, 0 keeps; null goes back to Triage:Retention:ClosedCaseDays).");
        // The password in the body: a token alone, leaked or left in a script, must not be enough to erase a person.
        api.MapDelete("/me", async ([FromBody] DeleteMyAccount request, IMediator m, CancellationToken ct) =>
            {
                await m.Send(request, ct);
                return TypedResults.NoContent();
            })
            .WithDescription("Deletes the caller's account: body { password }. Their reports stay without their identity (pseudonymised), " +
                             "screenshots no one else sent are deleted, sessions and tokens end. 409 for the last active admin. Cannot be undone.");
    }
}

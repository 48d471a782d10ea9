using MediatR;
using Triage.Client.Settings;

namespace Triage.Server.Settings;

public static class SettingsApi
{
    public static void MapSettingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/settings", (IMediator m, CancellationToken ct) => m.Send(new GetDeskSettings(), ct))
            .WithDescription("Admin: the organisation's name (and the configured one it overrides), the backup schedule, the last backup's " +
                             "success or failure and the backups in the folder with their sizes.");

        api.MapPut("/settings/organisation", async (SetOrganisationName request, IMediator m, CancellationToken ct) =>
            {
                await m.Send(request, ct);
                return TypedResults.NoContent();
            })
            .WithDescription("Admin: { name }; empty goes back to Triage:Organisation:Name.");

        api.MapPut("/settings/backups", async (SetBackupSchedule request, IMediator m, CancellationToken ct) =>
            {
                await m.Send(request, ct);
                return TypedResults.NoContent();
            })
            .WithDescription("Admin: { intervalHours (0 = off, at most 720), keep (1-100) }.");

        api.MapPost("/backups", async Task<IResult> (IMediator m, CancellationToken ct) =>
            {
                try
                {
                    var file = await m.Send(new BackUpNow(), ct);
                    return TypedResults.Created("/api/v1/settings", file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
                {
                    // Recorded and shown on /health/ready; the caller learns why at once.
                    return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The backup failed.", detail: e.Message);
                }
            })
            .WithDescription("Admin: backs up the database now into the data directory's backups/ folder → 201 { name, bytes, takenAt }.");
    }
}

using MediatR;
using Triage.Client.Webhooks;
using Triage.Server.Api;

namespace Triage.Server.Webhooks;

public static class WebhooksApi
{
    public static void MapWebhooksApi(this RouteGroupBuilder api)
    {
        api.MapPost("/webhooks", async (CreateWebhook request, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(request, ct);
                return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
            })
            .Produces<CreatedWebhook>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithDescription("{ url, events, secret }: an http(s) URL, events among case.created, case.classified, case.assigned, " +
                             "case.responded, case.closed, and a secret of at least 16 characters, never shown again. Each delivery " +
                             "is signed X-Triage-Signature: sha256=<hex HMAC-SHA256 of the body>.");

        api.MapGet("/webhooks", async (IMediator m, CancellationToken ct) => new Page<WebhookInfo>(await m.Send(new ListWebhooks(), ct), null))
            .WithDescription("Every webhook with its state and failures in a row; never the secret.");

        api.MapDelete("/webhooks/{id:long}", async (long id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new DeleteWebhook(id), ct);
            return TypedResults.NoContent();
        });

        api.MapPost("/webhooks/{id:long}/enable", async (long id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new EnableWebhook(id), ct);
                return TypedResults.NoContent();
            })
            .WithDescription("Turns a webhook disabled after repeated failures back on; waiting deliveries go out at the next pass.");

        api.MapGet("/webhooks/{id:long}/deliveries", async (long id, string? cursor, int? limit, IMediator m, CancellationToken ct) =>
            {
                var page = await m.Send(new ListWebhookDeliveries(id, cursor, limit ?? 50), ct);
                return new Page<WebhookDelivery>(page.Items, page.NextCursor);
            })
            .WithDescription("The delivery log, newest first: status (pending, failed, delivered, abandoned), attempts, next attempt, last status code and error.");
    }
}

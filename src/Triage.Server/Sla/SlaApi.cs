using MediatR;
using Triage.Client.Sla;
using Triage.Server.Api;

namespace Triage.Server.Sla;

/// <summary>SLA policies per queue, a case's due times, and the load per child unit.</summary>
public static class SlaApi
{
    public static void MapSlaApi(this RouteGroupBuilder api)
    {
        api.MapGet("/queues/{id:long}/sla", async (long id, IMediator m, CancellationToken ct) =>
                new Page<SlaPolicy>(await m.Send(new ListSlaPolicies(id), ct), null))
            .WithDescription("The queue's SLA policies; severity null is the policy for any severity without its own.");

        api.MapPut("/queues/{id:long}/sla", (long id, SetSlaPolicy request, IMediator m, CancellationToken ct) =>
            {
                request.QueueId = id;
                return m.Send(request, ct);
            })
            .Produces<SlaPolicy>()
            .ProducesValidationProblem()
            .WithDescription("{ severity (1-4, or null for any), triageMinutes, responseMinutes (each 1-525600), businessHours }: " +
                             "creates or replaces that policy; the queue's open cases get their due times again.");

        api.MapDelete("/queues/{id:long}/sla", async (long id, int? severity, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteSlaPolicy { QueueId = id, Severity = severity }, ct);
                return TypedResults.NoContent();
            })
            .WithDescription("?severity=1-4 removes that severity's policy; without it, the queue-wide one.");

        api.MapGet("/cases/{id:long}/sla", (long id, IMediator m, CancellationToken ct) => m.Send(new GetCaseSla(id), ct))
            .WithDescription("The case's triage and first-counter-message due times, the one pending with its state, and recorded breaches.");

        api.MapGet("/units/load", (IMediator m, CancellationToken ct) => m.Send(new GetUnitLoad(), ct))
            .WithDescription("Per child unit of the caller's unit: open cases, past-due cases and the case waiting longest.");

        api.MapGet("/units/{id:long}/load", (long id, IMediator m, CancellationToken ct) => m.Send(new GetUnitLoad(id), ct))
            .WithDescription("The same for a unit in the caller's subtree; any other unit answers 404.");
    }
}

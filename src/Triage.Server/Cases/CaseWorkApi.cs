using MediatR;
using Triage.Client.Cases;
using Triage.Client.Notifications;
using Triage.Client.Queue;
using Triage.Server.Api;

namespace Triage.Server.Cases;

/// <summary>The routes around a case's work: comments, its activity, bulk actions, notifications, queue settings.</summary>
public static class CaseWorkApi
{
    public static void MapCaseWorkApi(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:long}/comments", async (long id, CommentOnCase request, IMediator m, CancellationToken ct) =>
            {
                request.CaseId = id;
                var comment = await m.Send(request, ct);
                return TypedResults.Created($"/api/v1/cases/{id}/activity", comment);
            })
            .Produces<CaseComment>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithDescription("An internal comment; mention colleagues as @email. Not versioned: comments never conflict.");

        api.MapGet("/cases/{id:long}/activity", (long id, IMediator m, CancellationToken ct) => m.Send(new GetCaseActivity(id), ct))
            .WithDescription("The case's timeline from the audit log and its comments, oldest first.");

        api.MapPost("/cases/bulk", (BulkCaseAction request, IMediator m, CancellationToken ct) => m.Send(request, ct))
            .Produces<BulkResult>()
            .ProducesValidationProblem()
            .WithDescription("kind: assign, classify or dismiss; items: [{ caseId, version }]. Each case answers on its own " +
                             "with the status its single action would have (200, 404, 403, 409, 412, 400) and why.");

        api.MapGet("/notifications", (bool? unreadOnly, int? limit, IMediator m, CancellationToken ct) =>
                m.Send(new ListMyNotifications { UnreadOnly = unreadOnly ?? false, Limit = limit ?? 50 }, ct))
            .WithDescription("The caller's notifications, newest first, with how many are unread.");

        api.MapPost("/notifications/read", async (MarkNotificationsRead? request, IMediator m, CancellationToken ct) =>
                new { marked = await m.Send(request ?? new MarkNotificationsRead(), ct) })
            .WithDescription("{ ids } marks those of the caller's notifications read; no ids marks them all.");

        api.MapGet("/queues", async (IMediator m, CancellationToken ct) => new Page<QueueInfo>(await m.Send(new ListQueues(), ct), null))
            .WithDescription("The queues of the caller's unit and below, with their assignment settings and open cases.");

        api.MapPut("/queues/{id:long}/assignment", (long id, SetQueueAssignment request, IMediator m, CancellationToken ct) =>
            {
                request.QueueId = id;
                return m.Send(request, ct);
            })
            .Produces<QueueInfo>()
            .ProducesValidationProblem()
            .WithDescription("strategy: manual, round_robin or least_load; cap: most open cases per responder through automatic assignment, or null.");
    }
}

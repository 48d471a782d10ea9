using MediatR;
using Triage.Client.Queue;
using Triage.Client.Routing;
using Triage.Server.Api;

namespace Triage.Server.Routing;

/// <summary>Queue set-up and routing rules, for coordinators of the unit's subtree.</summary>
public static class RoutingApi
{
    public static void MapRoutingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/queues", async (CreateQueue request, IMediator m, CancellationToken ct) =>
            {
                var queue = await m.Send(request, ct);
                return TypedResults.Created($"/api/v1/queues/{queue.Id}", queue);
            })
            .Produces<QueueInfo>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithDescription("unitId, name (unique in the unit), order: priority, age, reports or sla; strategy and cap as for assignment; requiresApproval.");

        api.MapPut("/queues/{id:long}", (long id, UpdateQueue request, IMediator m, CancellationToken ct) =>
            {
                request.QueueId = id;
                return m.Send(request, ct);
            })
            .Produces<QueueInfo>()
            .ProducesValidationProblem()
            .WithDescription("Renames a queue (an Inbox keeps its name) and sets its order, assignment and requiresApproval (false when left out).");

        api.MapDelete("/queues/{id:long}", async (long id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteQueue { QueueId = id }, ct);
                return TypedResults.NoContent();
            })
            .WithDescription("Only a queue without cases and without rules sending cases to it; never an Inbox (409).");

        api.MapGet("/routing-rules", async (long unit, IMediator m, CancellationToken ct) =>
                new Page<RoutingRule>(await m.Send(new ListRoutingRules(unit), ct), null))
            .WithDescription("The rules of one unit, in the order they are tried.");

        api.MapPost("/routing-rules", async (SaveRoutingRule request, IMediator m, CancellationToken ct) =>
            {
                request.Id = null;
                var rule = await m.Send(request, ct);
                return TypedResults.Created($"/api/v1/routing-rules/{rule.Id}", rule);
            })
            .Produces<RoutingRule>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithDescription("unitId, name, enabled, conditions (platforms, categories, verdicts, severities, minSeverity, keywords, " +
                             "withinUnitId, minReports; at least one) and actions (targetQueueId, priorityBoost 0-100, strategy or null).");

        api.MapPut("/routing-rules/{id:long}", (long id, SaveRoutingRule request, IMediator m, CancellationToken ct) =>
            {
                request.Id = id;
                return m.Send(request, ct);
            })
            .Produces<RoutingRule>()
            .ProducesValidationProblem()
            .WithDescription("Replaces a rule; the same body as creating one.");

        api.MapDelete("/routing-rules/{id:long}", async (long id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteRoutingRule { RuleId = id }, ct);
                return TypedResults.NoContent();
            });

        api.MapPost("/routing-rules/{id:long}/move", async (long id, MoveBody body, IMediator m, CancellationToken ct) =>
                new Page<RoutingRule>(await m.Send(new MoveRoutingRule { RuleId = id, Position = body.Position }, ct), null))
            .ProducesValidationProblem()
            .WithDescription("{ position }: 1 is tried first. Answers the unit's rules in their new order.");

        api.MapPost("/routing-rules/preview", (PreviewRoutingRule request, IMediator m, CancellationToken ct) => m.Send(request, ct))
            .Produces<RulePreview>()
            .ProducesValidationProblem()
            .WithDescription("A draft rule (the body of a save, name not needed): which of the last 100 cases of its unit subtree it matches. Writes nothing.");
    }

    private sealed record MoveBody(int Position);
}

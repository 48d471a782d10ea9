using MediatR;
using Triage.Client.Stats;

namespace Triage.Server.Stats;

/// <summary>The dashboard's figures (DESIGN.md: <c>GET /api/v1/stats?from=&amp;to=&amp;unit=</c>).</summary>
public static class StatsApi
{
    public static void MapStatsApi(this RouteGroupBuilder api) =>
        api.MapGet("/stats", (DateOnly? from, DateOnly? to, long? unit, IMediator m, CancellationToken ct) =>
                m.Send(new GetStats { From = from, To = to, UnitId = unit }, ct))
            .Produces<DeskStats>()
            .ProducesValidationProblem()
            .WithDescription("Figures for the unit's subtree over local days from..to (yyyy-MM-dd, both included; default the last 30 days, the caller's unit): " +
                             "reports per day and platform, cases by classification, per child unit, backlog by age, median and p90 hours to triage " +
                             "and to the first counter-message, SLA compliance, responder workload and the largest cases.");
}

using MediatR;
using Triage.Client.Audit;

namespace Triage.Server.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api) =>
        api.MapGet("/audit/verification", (IMediator m, CancellationToken ct) => m.Send(new VerifyAuditChain(), ct));
}

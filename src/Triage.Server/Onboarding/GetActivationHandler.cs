using System.Data.Common;
using Dapper;
using Triage.Client.Onboarding;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

public sealed class GetActivationHandler(Db db, TimeProvider clock) : QueryHandler<GetActivation, ActivationInfo>(db)
{
    protected override async Task<ActivationInfo> Handle(GetActivation request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var link = await ActivateAccountHandler.FindAsync(connection, null, request.Token);
        return ActivateAccountHandler.StateOf(link, clock.GetUtcNow()) is var state && state == LinkState.Valid
            ? new ActivationInfo(state, link!.Email)
            : new ActivationInfo(state, null);
    }
}

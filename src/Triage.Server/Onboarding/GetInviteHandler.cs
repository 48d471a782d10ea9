using System.Data.Common;
using Triage.Client.Onboarding;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

public sealed class GetInviteHandler(Db db, TimeProvider clock) : QueryHandler<GetInvite, InviteInfo>(db)
{
    protected override async Task<InviteInfo> Handle(GetInvite request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var invite = await JoinUnitHandler.FindAsync(connection, null, request.Token);
        var state = JoinUnitHandler.StateOf(invite, clock.GetUtcNow());
        return new InviteInfo(state, state == LinkState.Valid ? invite!.UnitName : null);
    }
}

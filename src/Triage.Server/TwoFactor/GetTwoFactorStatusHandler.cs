using System.Data.Common;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.TwoFactor;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.TwoFactor;

public sealed class GetTwoFactorStatusHandler(Db db, TwoFactorRequirement requirement) : QueryHandler<GetTwoFactorStatus, TwoFactorStatus>(db)
{
    protected override async Task<TwoFactorStatus> Handle(GetTwoFactorStatus request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var userId = actor.UserId ?? throw new NotSignedInException();
        var row = await connection.QuerySingleAsync<Row>("""
            SELECT EXISTS (SELECT 1 FROM user_two_factor WHERE user_id = @userId AND enabled_at IS NOT NULL) AS Enabled,
                   (SELECT count(*) FROM user_recovery_codes WHERE user_id = @userId AND used_at IS NULL) AS Left
            """, new { userId });
        return new TwoFactorStatus(row.Enabled, row.Enabled ? row.Left : 0, requirement.RequiredFor(actor.Roles));
    }

    private sealed class Row
    {
        public bool Enabled { get; init; }
        public int Left { get; init; }
    }
}

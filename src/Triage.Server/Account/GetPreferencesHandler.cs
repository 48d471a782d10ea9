using System.Data.Common;
using Dapper;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

public sealed class GetPreferencesHandler(Db db) : QueryHandler<GetPreferences, Preferences>(db)
{
    protected override async Task<Preferences> Handle(GetPreferences request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var userId = actor.UserId ?? throw new NotSignedInException();
        var row = await connection.QuerySingleAsync<Row>(
            "SELECT blur_evidence AS BlurEvidence, time_zone AS TimeZone FROM users WHERE id = @userId", new { userId });
        return new Preferences(row.BlurEvidence, row.TimeZone);
    }

    private sealed class Row
    {
        public bool BlurEvidence { get; init; }
        public string? TimeZone { get; init; }
    }
}

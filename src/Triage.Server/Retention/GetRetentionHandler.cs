using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Retention;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Retention;

public sealed class GetRetentionHandler(Db db, TimeProvider clock, IOptions<RetentionOptions> options) : QueryHandler<GetRetention, RetentionStatus>(db)
{
    protected override Task<RetentionStatus> Handle(GetRetention request, DbConnection connection, Actor actor, CancellationToken ct) =>
        ReadAsync(connection, null, options.Value, clock.GetUtcNow());

    /// <summary>Also the answer of <see cref="SetRetentionHandler"/>, read inside its transaction.</summary>
    public static async Task<RetentionStatus> ReadAsync(DbConnection connection, DbTransaction? tx, RetentionOptions options, DateTimeOffset now)
    {
        var overridden = await RetentionState.OverrideAsync(connection, tx);
        var days = overridden ?? options.ClosedCaseDays;
        var due = days == 0 ? 0 : await connection.ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM cases WHERE {RetentionState.DueWhere}", new { cutoff = now.AddDays(-days) }, tx);
        var lastRun = await connection.ExecuteScalarAsync<string?>(
            "SELECT value FROM desk_state WHERE key = @LastRunKey", new { RetentionState.LastRunKey }, tx);
        return new RetentionStatus(days, options.ClosedCaseDays, overridden is not null, due,
            lastRun is null ? null : JsonSerializer.Deserialize<RetentionRun>(lastRun, JsonSerializerOptions.Web));
    }
}

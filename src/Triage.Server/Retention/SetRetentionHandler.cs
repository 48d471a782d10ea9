using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Retention;
using Triage.Server.Pipeline;

namespace Triage.Server.Retention;

/// <summary>Takes effect at the job's next pass; a shorter period erases, at that pass, every case it now makes due.</summary>
public sealed class SetRetentionHandler(IOptions<RetentionOptions> options) : CommandHandler<SetRetention, RetentionStatus>
{
    protected override async Task<RetentionStatus> Handle(SetRetention request, Work work, CancellationToken ct)
    {
        work.Subject("desk", "retention");
        if (request.ClosedCaseDays is { } days)
            await work.Connection.ExecuteAsync("""
                INSERT INTO desk_state (key, value) VALUES (@PeriodKey, @value)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, new { RetentionState.PeriodKey, value = days.ToString(CultureInfo.InvariantCulture) }, work.Transaction);
        else
            await work.Connection.ExecuteAsync("DELETE FROM desk_state WHERE key = @PeriodKey", new { RetentionState.PeriodKey }, work.Transaction);
        return await GetRetentionHandler.ReadAsync(work.Connection, work.Transaction, options.Value, work.Now);
    }
}

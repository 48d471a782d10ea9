using System.Data.Common;
using System.Globalization;
using Dapper;
using Triage.Client.Retention;

namespace Triage.Server.Retention;

/// <summary>The <c>Triage:Retention</c> configuration section (decision 0020).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Triage:Retention";

    /// <summary>
    /// Days after a case is closed or dismissed before its screenshots and its reporters' identities are erased;
    /// 0 keeps them. An admin's setting on /admin/retention replaces it.
    /// </summary>
    public int ClosedCaseDays { get; set; } = 365;

    /// <summary>How often the job looks for cases past the period.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

public static class RetentionRegistration
{
    public static IServiceCollection AddDeskRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.ClosedCaseDays is >= 0 and <= SetRetention.MaxDays,
                $"Triage:Retention:ClosedCaseDays must be between 0 (keep) and {SetRetention.MaxDays} days.")
            .Validate(o => o.Interval > TimeSpan.Zero, "Triage:Retention:Interval must be positive.");
        services.AddSingleton<RetentionJob>();
        return services;
    }
}

/// <summary>The admin's period and the job's last run, kept in desk_state: the desk is run without touching its files.</summary>
public static class RetentionState
{
    public const string PeriodKey = "retention.closed_case_days";
    public const string LastRunKey = "retention.last_run";

    public static async Task<int?> OverrideAsync(DbConnection connection, DbTransaction? tx)
    {
        var value = await connection.ExecuteScalarAsync<string?>("SELECT value FROM desk_state WHERE key = @PeriodKey", new { PeriodKey }, tx);
        return value is null ? null : int.Parse(value, CultureInfo.InvariantCulture);
    }

    public static async Task<int> DaysAsync(DbConnection connection, DbTransaction? tx, RetentionOptions options) =>
        await OverrideAsync(connection, tx) ?? options.ClosedCaseDays;

    /// <summary>Finished cases whose reporters' data is due: closed or dismissed at or before the cutoff and not erased since.</summary>
    public const string DueWhere = "erased_at IS NULL AND status IN ('closed', 'dismissed') AND closed_at <= @cutoff";
}

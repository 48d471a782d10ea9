using System.Data.Common;
using System.Globalization;
using Dapper;
using Triage.Client.Settings;
using Triage.Server.Data;

namespace Triage.Server.Settings;

/// <summary>The admin's settings and the backup job's record, as keys of the desk_state table.</summary>
public static class DeskState
{
    public const string OrganisationName = "organisation_name";
    public const string BackupIntervalHours = "backup_interval_hours";
    public const string BackupKeep = "backup_keep";
    public const string BackupLastSuccessAt = "backup_last_success_at";
    public const string BackupLastFile = "backup_last_file";
    public const string BackupLastFailureAt = "backup_last_failure_at";
    public const string BackupLastError = "backup_last_error";

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(DbConnection connection, DbTransaction? tx = null) =>
        (await connection.QueryAsync<(string Key, string Value)>("SELECT key, value FROM desk_state", transaction: tx))
        .ToDictionary(r => r.Key, r => r.Value);

    /// <summary>A null value removes the key, so the default applies again.</summary>
    public static Task SetAsync(DbConnection connection, DbTransaction tx, string key, string? value) => value is null
        ? connection.ExecuteAsync("DELETE FROM desk_state WHERE key = @key", new { key }, tx)
        : connection.ExecuteAsync("INSERT INTO desk_state (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { key, value }, tx);

    /// <summary>The admin's name for the organisation, else the configuration's (ClaimReview's author, the app bar).</summary>
    public static async Task<string> OrganisationNameAsync(DbConnection connection, DeskOptions options) =>
        await connection.ExecuteScalarAsync<string?>("SELECT value FROM desk_state WHERE key = @OrganisationName", new { OrganisationName })
        ?? options.Organisation.Name;

    public static BackupSchedule Schedule(IReadOnlyDictionary<string, string> state) => new(
        Int(state, BackupIntervalHours) ?? BackupSchedule.Default.IntervalHours,
        Int(state, BackupKeep) ?? BackupSchedule.Default.Keep);

    public static BackupStatus Status(IReadOnlyDictionary<string, string> state) => new(
        Time(state, BackupLastSuccessAt), state.GetValueOrDefault(BackupLastFile), Time(state, BackupLastFailureAt), state.GetValueOrDefault(BackupLastError));

    private static int? Int(IReadOnlyDictionary<string, string> state, string key) =>
        state.TryGetValue(key, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, string> state, string key) =>
        state.TryGetValue(key, out var v) ? DapperSetup.Parse(v) : null;
}

using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Settings;

/// <summary>The settings an admin changes on the settings page, and how the backups are doing.</summary>
[AllowRoles(Role.Admin)]
public sealed record GetDeskSettings : IRequest<DeskSettings>;

/// <param name="OrganisationName">The name in use: the admin's setting, else the configuration's.</param>
/// <param name="ConfiguredOrganisationName">Triage:Organisation:Name, used while no setting overrides it.</param>
/// <param name="BackupsByPgDump">The desk runs on PostgreSQL: pg_dump backs it up, so the schedule and "Back up now" do not apply.</param>
public sealed record DeskSettings(
    string OrganisationName, string ConfiguredOrganisationName, bool OrganisationOverridden,
    BackupSchedule Schedule, BackupStatus Status, IReadOnlyList<BackupFile> Backups, string BackupDirectory,
    bool BackupsByPgDump);

/// <param name="IntervalHours">Hours between scheduled backups; 0 turns them off.</param>
/// <param name="Keep">How many scheduled or manual backups stay in the folder; older ones are deleted.</param>
public sealed record BackupSchedule(int IntervalHours, int Keep)
{
    public static BackupSchedule Default { get; } = new(0, 7);
}

public sealed record BackupStatus(DateTimeOffset? LastSuccessAt, string? LastFile, DateTimeOffset? LastFailureAt, string? LastError)
{
    /// <summary>The latest attempt failed: the page and /health/ready say so until a backup succeeds.</summary>
    public bool Failing => LastFailureAt is { } failed && (LastSuccessAt is not { } succeeded || failed > succeeded);
}

public sealed record BackupFile(string Name, long Bytes, DateTimeOffset TakenAt);

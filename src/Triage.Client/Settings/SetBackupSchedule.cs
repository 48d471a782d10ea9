using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Settings;

[AllowRoles(Role.Admin)]
public sealed class SetBackupSchedule : ICommand<Unit>
{
    /// <summary>0 turns scheduled backups off; at most 30 days.</summary>
    [Range(0, 720, ErrorMessage = FieldRules.OutOfRange)]
    public int IntervalHours { get; set; }

    [Range(1, 100, ErrorMessage = FieldRules.OutOfRange)]
    public int Keep { get; set; } = BackupSchedule.Default.Keep;
}

using System.Globalization;
using MediatR;
using Triage.Client.Settings;
using Triage.Server.Pipeline;

namespace Triage.Server.Settings;

public sealed class SetBackupScheduleHandler : CommandHandler<SetBackupSchedule, Unit>
{
    protected override async Task<Unit> Handle(SetBackupSchedule request, Work work, CancellationToken ct)
    {
        await DeskState.SetAsync(work.Connection, work.Transaction, DeskState.BackupIntervalHours, request.IntervalHours.ToString(CultureInfo.InvariantCulture));
        await DeskState.SetAsync(work.Connection, work.Transaction, DeskState.BackupKeep, request.Keep.ToString(CultureInfo.InvariantCulture));
        work.Subject("setting", "backups");
        return Unit.Value;
    }
}

using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Settings;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Settings;

public sealed class BackUpNowHandler(DeskBackups backups, Db db) : IRequestHandler<BackUpNow, BackupFile>
{
    /// <summary>
    /// A PostgreSQL desk is backed up by pg_dump, outside the desk: refused as a conflict, not recorded as a failed
    /// backup, which would turn readiness to Degraded for something that never was the desk's job.
    /// </summary>
    public Task<BackupFile> Handle(BackUpNow request, CancellationToken cancellationToken) =>
        db.IsPostgres
            ? throw new ConflictException("Conflict.BackupsArePgDump", "This desk runs on PostgreSQL: back it up with pg_dump, not from here.")
            : backups.BackUpAsync(RequestContext.Actor, cancellationToken);
}

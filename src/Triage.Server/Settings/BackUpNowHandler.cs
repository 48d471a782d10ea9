using MediatR;
using Triage.Client.Settings;
using Triage.Server.Pipeline;

namespace Triage.Server.Settings;

public sealed class BackUpNowHandler(DeskBackups backups) : IRequestHandler<BackUpNow, BackupFile>
{
    public Task<BackupFile> Handle(BackUpNow request, CancellationToken cancellationToken) =>
        backups.BackUpAsync(RequestContext.Actor, cancellationToken);
}

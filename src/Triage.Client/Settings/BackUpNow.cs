using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Settings;

/// <summary>
/// Writes a backup into the data directory's backups/ folder at once, then prunes to the kept count. Not an
/// <see cref="ICommand{TResult}"/>: the copy must not hold the desk's write transaction for as long as it takes;
/// the outcome is recorded, and audited, in a short transaction of its own afterwards.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record BackUpNow : IRequest<BackupFile>;

using System.Data.Common;
using Triage.Client.Audit;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Audit;

/// <summary>
/// A query, so no write transaction: the walk reads one snapshot while the desk keeps writing. It hashes every
/// event (seconds on a million), so it runs off the caller's thread: a page's circuit stays responsive meanwhile.
/// </summary>
public sealed class VerifyAuditChainHandler(Db db) : QueryHandler<VerifyAuditChain, AuditChainReport>(db)
{
    protected override Task<AuditChainReport> Handle(VerifyAuditChain request, DbConnection connection, Actor actor, CancellationToken ct) =>
        Task.Run(() => AuditTrail.Verify(connection, ct), ct);
}

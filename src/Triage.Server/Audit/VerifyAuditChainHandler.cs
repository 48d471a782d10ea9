using Microsoft.Data.Sqlite;
using Triage.Client.Audit;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Audit;

/// <summary>A query, so no write transaction: the walk reads one snapshot while the desk keeps writing.</summary>
public sealed class VerifyAuditChainHandler(Db db) : QueryHandler<VerifyAuditChain, AuditChainReport>(db)
{
    protected override Task<AuditChainReport> Handle(VerifyAuditChain request, SqliteConnection connection, Actor actor, CancellationToken ct) =>
        Task.FromResult(AuditTrail.Verify(connection, ct));
}

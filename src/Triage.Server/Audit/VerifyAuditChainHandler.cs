using Microsoft.Data.Sqlite;
using Triage.Client.Audit;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Audit;

public sealed class VerifyAuditChainHandler(Db db) : QueryHandler<VerifyAuditChain, AuditChainReport>(db)
{
    protected override Task<AuditChainReport> Handle(VerifyAuditChain request, SqliteConnection connection, Actor actor, CancellationToken ct) =>
        Task.FromResult(AuditTrail.Verify(connection));
}

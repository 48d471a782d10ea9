using System.Data.Common;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Evidence;
using Triage.Server.Pipeline;

namespace Triage.Server.Reports;

public sealed class GetEvidenceHandler(Db db, EvidenceStore store) : QueryHandler<GetEvidence, EvidenceFile>(db)
{
    protected override async Task<EvidenceFile> Handle(GetEvidence request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string ContentType, long Bytes)?>(
            "SELECT content_type, bytes FROM evidence WHERE sha256 = @Sha256", new { request.Sha256 }) ?? throw new NotFoundException("Evidence");
        return new EvidenceFile(request.Sha256, row.ContentType, store.PathOf(request.Sha256), row.Bytes);
    }
}

/// <summary>A screenshot is visible to whoever may read any case that holds it.</summary>
public sealed class GetEvidenceScope(Db db) : IScopeRule<GetEvidence>
{
    public async Task<bool> InScopeAsync(GetEvidence request, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var parameters = new DynamicParameters(CaseAccess.Parameters(actor));
        parameters.Add("Sha256", request.Sha256);
        return await connection.ExecuteScalarAsync<bool>($"""
            SELECT EXISTS (
                SELECT 1 FROM report_evidence e JOIN reports r ON r.id = e.report_id JOIN cases c ON c.id = r.case_id
                WHERE e.sha256 = @Sha256 AND {CaseAccess.ReadableSql})
            """, parameters);
    }
}

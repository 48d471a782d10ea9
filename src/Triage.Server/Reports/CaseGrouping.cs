using Dapper;
using Microsoft.Data.Sqlite;
using Triage.Server.Search;

namespace Triage.Server.Reports;

/// <summary>
/// Finds the open case a new report belongs to: first by canonical URL, then by near-duplicate text
/// through the LSH band index (candidates confirmed on their stored MinHash signatures).
/// </summary>
public static class CaseGrouping
{
    /// <summary>Enough candidates to hold every near-duplicate of a claim; band collisions past this are noise.</summary>
    private const int MaxCandidates = 64;
    private const string OpenCase = "c.status NOT IN ('closed', 'dismissed', 'merged')";

    public static async Task<(long? CaseId, string? MatchedBy)> FindAsync(SqliteConnection connection, SqliteTransaction? transaction,
        string? canonicalUrl, TextSignature? signature)
    {
        if (canonicalUrl is not null)
        {
            var byUrl = await connection.ExecuteScalarAsync<long?>($"""
                SELECT r.case_id FROM reports r JOIN cases c ON c.id = r.case_id
                WHERE r.url_canonical = @canonicalUrl AND {OpenCase}
                ORDER BY r.id LIMIT 1
                """, new { canonicalUrl }, transaction);
            if (byUrl is not null) return (byUrl, "url");
        }
        if (signature is null) return (null, null);

        var candidates = await connection.QueryAsync<(long CaseId, byte[] Signature)>($"""
            SELECT b.case_id, r.text_signature
            FROM report_text_bands b
            JOIN reports r ON r.id = b.report_id
            JOIN cases c ON c.id = b.case_id
            WHERE b.band_key IN @keys AND {OpenCase}
            GROUP BY b.report_id
            LIMIT {MaxCandidates}
            """, new { keys = NearDuplicates.BandKeys(signature) }, transaction);
        var best = candidates
            .Select(c => (c.CaseId, Score: NearDuplicates.Similarity(signature, TextSignature.FromBytes(c.Signature))))
            .Where(c => c.Score >= NearDuplicates.Threshold)
            .OrderByDescending(c => c.Score).ThenBy(c => c.CaseId)
            .FirstOrDefault();
        return best.Score > 0 ? (best.CaseId, "text") : (null, null);
    }
}

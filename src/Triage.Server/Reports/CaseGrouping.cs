using Triage.Server.Data;
using System.Data.Common;
using Dapper;
using Triage.Server.Search;

namespace Triage.Server.Reports;

/// <summary>
/// Finds the open case a new report belongs to: first by canonical URL, then by near-duplicate text
/// through the LSH band index (candidates confirmed on their stored MinHash signatures).
/// </summary>
public static class CaseGrouping
{
    /// <summary>
    /// Rows read per band key. Common phrases make some keys shared by thousands of cases; capping each
    /// key (newest cases first) keeps a lookup's cost flat as the desk grows, and a true near-duplicate
    /// shares several keys, so it still surfaces through the others.
    /// </summary>
    private const int RowsPerKey = 24;

    /// <summary>Cases confirmed on their signature, those sharing the most band keys first.</summary>
    private const int MaxConfirmed = 12;

    private static readonly string CandidatesSql = string.Join(" UNION ALL ", Enumerable.Range(0, NearDuplicates.Bands).Select(i =>
        $"SELECT * FROM (SELECT case_id, report_id FROM case_text_bands WHERE band_key = @k{i} ORDER BY case_id DESC LIMIT {RowsPerKey}) AS k{i}"));
    private const string OpenCase = "c.status NOT IN ('closed', 'dismissed', 'merged')";

    /// <summary>One statement for all of a report's band keys: a row-at-a-time insert was a third of intake's cost.</summary>
    public static readonly string InsertBandsSql =
        "INSERT INTO case_text_bands (band_key, case_id, report_id) VALUES " +
        string.Join(", ", Enumerable.Range(0, NearDuplicates.Bands).Select(i => $"(@k{i}, @caseId, @reportId)")) +
        " ON CONFLICT DO NOTHING";

    public static async Task InsertBandsAsync(DbConnection connection, DbTransaction? transaction, long caseId, long reportId,
        TextSignature signature)
    {
        var parameters = new DynamicParameters(new { caseId, reportId });
        var keys = NearDuplicates.BandKeys(signature);
        for (var i = 0; i < keys.Length; i++) parameters.Add($"k{i}", keys[i]);
        await connection.ExecuteAsync(InsertBandsSql, parameters, transaction);
    }

    public static async Task<(long? CaseId, string? MatchedBy)> FindAsync(DbConnection connection, DbTransaction? transaction,
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

        var parameters = new DynamicParameters();
        var keys = NearDuplicates.BandKeys(signature);
        for (var i = 0; i < keys.Length; i++) parameters.Add($"k{i}", keys[i]);
        var hits = (await connection.QueryAsync<(long CaseId, long ReportId)>(CandidatesSql, parameters, transaction))
            .GroupBy(h => h.CaseId)
            .Select(g => (CaseId: g.Key, ReportId: g.First().ReportId, Bands: g.Count()))
            .OrderByDescending(c => c.Bands).ThenByDescending(c => c.CaseId)
            .Take(MaxConfirmed)
            .ToList();
        if (hits.Count == 0) return (null, null);

        var confirmed = await connection.QueryAsync<(long CaseId, byte[] Signature)>($"""
            SELECT c.id, r.text_signature FROM reports r JOIN cases c ON c.id = r.case_id
            WHERE r.id {connection.InList("@reportIds")} AND {OpenCase}
            """, new { reportIds = hits.Select(h => h.ReportId).ToList() }, transaction);
        var best = confirmed
            .Select(c => (c.CaseId, Score: NearDuplicates.Similarity(signature, TextSignature.FromBytes(c.Signature))))
            .Where(c => c.Score >= NearDuplicates.Threshold)
            .OrderByDescending(c => c.Score).ThenBy(c => c.CaseId)
            .FirstOrDefault();
        return best.Score > 0 ? (best.CaseId, "text") : (null, null);
    }
}

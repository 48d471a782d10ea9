using System.Diagnostics;
using System.Globalization;
using Dapper;
using Triage.Client.Cases;
using Triage.Server.Search;

namespace Triage.Bench;

/// <summary>
/// MAP@5 of similar-case ranking on CLEF 2020 CheckThat! Task 2: every verified claim becomes a case
/// (indexed exactly as intake indexes a new case), every tweet is a query sent through the real
/// FindSimilarCases use case by an admin who may read every case.
/// </summary>
public static class ClaimMatching
{
    public static async Task<int> RunAsync(string dataRoot, string[] splits)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-claims-" + Guid.NewGuid().ToString("N"));
        await using var desk = await BenchDesk.CreateAsync(directory);
        var claims = ReadTsv(Path.Combine(dataRoot, "verified_claims.docs.tsv"));
        var caseOfClaim = await LoadClaimsAsync(desk, claims);
        var send = await desk.SenderAs<SimilarCasePage>("admin@demo.local");

        foreach (var split in splits)
        {
            var tweets = ReadTsv(Path.Combine(dataRoot, split, "tweets.queries.tsv"));
            var relevant = File.ReadLines(Path.Combine(dataRoot, split, "tweet-vclaim-pairs.qrels"))
                .Select(l => l.Split('\t')).Where(p => p.Length >= 4)
                .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Select(p => caseOfClaim[p[2]]).ToHashSet());
            var watch = Stopwatch.StartNew();
            double sum = 0;
            var queries = 0;
            foreach (var (id, text) in tweets.Select(t => (t[0], t[1])).Where(t => relevant.ContainsKey(t.Item1)))
            {
                var ranked = (await send(new FindSimilarCases { Text = text[..Math.Min(text.Length, 5000)], Limit = 5 })).Items.Select(i => i.CaseId).ToList();
                sum += AveragePrecisionAt5(ranked, relevant[id]);
                queries++;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{split}: MAP@5 = {sum / queries:0.0000} over {queries} queries against {claims.Count} claims ({watch.Elapsed.TotalMilliseconds / queries:0.0} ms a query)"));
        }
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    /// <summary>Precision at each relevant hit in the top five, averaged over min(relevant, 5).</summary>
    public static double AveragePrecisionAt5(IReadOnlyList<long> ranked, IReadOnlySet<long> relevant)
    {
        double hits = 0, sum = 0;
        for (var k = 0; k < Math.Min(5, ranked.Count); k++)
        {
            if (!relevant.Contains(ranked[k])) continue;
            hits++;
            sum += hits / (k + 1);
        }
        return relevant.Count == 0 ? 0 : sum / Math.Min(relevant.Count, 5);
    }

    private static async Task<Dictionary<string, long>> LoadClaimsAsync(BenchDesk desk, List<string[]> claims)
    {
        await using var connection = await desk.Db.OpenAsync();
        await using var tx = connection.BeginTransaction();
        var unit = await connection.ExecuteScalarAsync<long>("SELECT id FROM org_units WHERE parent_id IS NULL", transaction: tx);
        var queue = await connection.ExecuteScalarAsync<long>("SELECT id FROM queues WHERE unit_id = @unit AND is_inbox = TRUE", new { unit }, tx);
        var now = DateTimeOffset.UtcNow;
        var map = new Dictionary<string, long>();
        foreach (var claim in claims)
        {
            var (id, text, title) = (claim[0], claim[1], claim.Length > 2 ? claim[2] : "");
            var caseId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO cases (status, title, owner_unit_id, queue_id, report_count, search_texts, first_reported_at, last_reported_at, created_at, updated_at)
                VALUES ('new', @title, @unit, @queue, 1, 1, @now, @now, @now, @now) RETURNING id
                """, new { title = title.Length > 0 ? title : text, unit, queue, now }, tx);
            await CaseSearch.AddAsync(connection, tx, caseId, title, text);
            map[id] = caseId;
        }
        await tx.CommitAsync();
        return map;
    }

    private static List<string[]> ReadTsv(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).Where(p => p.Length >= 2).ToList();
}

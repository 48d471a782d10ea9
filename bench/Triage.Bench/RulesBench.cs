using System.Diagnostics;
using System.Globalization;
using Dapper;
using Triage.Client.Queue;
using Triage.Client.Routing;
using Triage.Server.Pipeline;
using Triage.Server.Routing;
using Triage.Server.Search;
using static Triage.Bench.Timing;

namespace Triage.Bench;

/// <summary>
/// Applying 100 routing rules to a new case, the way intake does it (load the case's facts, load the rules
/// of its unit line in one query, evaluate in memory, write the placement), inside a write transaction that
/// is rolled back after each sample, against a bare indexed SELECT of one case in the same run. The rules
/// are saved through SaveRoutingRule as a coordinator; every one of them is tried and only the last matches.
/// </summary>
public static class RulesBench
{
    private static readonly string[] Words =
    [
        "lua", "mua", "gao", "song", "nui", "truong", "benh", "vien", "thuoc", "cho", "xang", "dien", "nuoc", "duong", "cau", "xe",
        "tre", "em", "ba", "ong", "me", "con", "bau", "thue", "dat", "nha", "pho", "lang", "toi", "gung", "chanh", "muoi",
    ];

    private static readonly string[] Absent =
    [
        "bau cu gian lan", "tien ao lua dao", "sap cau", "vo de", "dich benh moi", "thu hoi dat", "bieu tinh", "khung bo", "ma tuy", "buon nguoi",
        "tham nhung", "chay rung", "sat lo", "ngo doc", "hoc phi", "luong huu", "bao hiem", "xuat khau lao dong", "vay tin dung den", "da cap",
    ];

    public static async Task<int> RunAsync(int cases, int samples)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-rules-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var desk = await BenchDesk.CreateAsync(directory);
            var (caseIds, last) = await SetUpAsync(desk, cases);

            await using var connection = await desk.Db.OpenAsync();
            var random = new Random(7);
            var baseline = await TimeAsync(samples, async _ => await connection.QuerySingleAsync<(long, string, string)>(
                "SELECT id, title, status FROM cases WHERE id = @id", new { id = caseIds[random.Next(caseIds.Count)] }));

            var owner = await connection.ExecuteScalarAsync<string>("SELECT o.path FROM org_units o WHERE o.code = 'D1-C1'");
            var loaded = await CaseRouting.LoadForAsync(connection, null, owner!);
            var facts = await CaseRouting.FactsAsync(connection, null, caseIds[0]);
            if (loaded.Count != 100 || RuleEvaluator.FirstMatch(loaded, facts)?.Id != last)
            {
                Console.Error.WriteLine(F($"expected 100 rules with only the last matching; loaded {loaded.Count}, matched {RuleEvaluator.FirstMatch(loaded, facts)?.Id}"));
                return 1;
            }

            var evaluate = await TimeAsync(samples, _ => Task.FromResult(RuleEvaluator.FirstMatch(loaded, facts)));
            var loadRules = await TimeAsync(samples, _ => CaseRouting.LoadForAsync(connection, null, owner!));
            var loadFacts = await TimeAsync(samples, _ => CaseRouting.FactsAsync(connection, null, caseIds[random.Next(caseIds.Count)]));
            var loadAndEvaluate = await TimeAsync(samples, async _ =>
            {
                var f = await CaseRouting.FactsAsync(connection, null, caseIds[random.Next(caseIds.Count)]);
                return RuleEvaluator.FirstMatch(await CaseRouting.LoadForAsync(connection, null, f.OwnerPath), f);
            });
            var apply = await TimeInTransactionAsync(connection, samples, caseIds, random);

            Console.WriteLine(F($"desk: {caseIds.Count:N0} cases, 100 enabled rules on the case's line (P 40, D1 40, D1-C1 20), only the last tried matches"));
            Console.WriteLine(F($"baseline SELECT of one case by id: p50 {P(baseline, 0.5):0.000} ms"));
            Console.WriteLine();
            Console.WriteLine("| what | p50 ms | p95 ms | p99 ms | p50 / baseline p50 |");
            Console.WriteLine("|---|---|---|---|---|");
            void Row(string what, List<double> times) =>
                Console.WriteLine(F($"| {what} | {P(times, 0.5):0.000} | {P(times, 0.95):0.000} | {P(times, 0.99):0.000} | {P(times, 0.5) / P(baseline, 0.5):0.0} |"));
            Row("bare SELECT of one case (baseline)", baseline);
            Row("evaluate 100 loaded rules (memory only)", evaluate);
            Row("load the case's facts (one query)", loadFacts);
            Row("load 100 rules (one query, conditions parsed)", loadRules);
            Row("load facts + rules, evaluate", loadAndEvaluate);
            Row("apply as intake does (load, evaluate, write)", apply);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Cases owned by commune D1-C1 with a text that only the last rule's keyword finds, and 100 rules on its line.</summary>
    private static async Task<(List<long> CaseIds, long LastRule)> SetUpAsync(BenchDesk desk, int count)
    {
        var random = new Random(11);
        var now = DateTimeOffset.UtcNow;
        await using (var connection = await desk.Db.OpenAsync())
        await using (var tx = connection.BeginTransaction())
        {
            for (var i = 0; i < count; i++)
            {
                var text = string.Join(' ', Enumerable.Range(0, 40).Select(_ => Words[random.Next(Words.Length)])) + " canh bao lu quet dem nay";
                var id = await connection.ExecuteScalarAsync<long>("""
                    INSERT INTO cases (status, title, platform, owner_unit_id, queue_id, report_count, search_texts, first_reported_at, last_reported_at, created_at, updated_at)
                    SELECT 'new', @title, 'facebook', o.id, q.id, 1, 1, @now, @now, @now, @now
                    FROM org_units o JOIN queues q ON q.unit_id = o.id AND q.is_inbox = TRUE WHERE o.code = 'D1-C1'
                    RETURNING id
                    """, new { title = text[..60], now }, tx);
                await CaseSearch.AddAsync(connection, tx, id, text[..60], text);
            }
            await tx.CommitAsync();
        }

        var save = await desk.SenderAs<RoutingRule>("coordinator@demo.local");
        var queues = await desk.SenderAs<QueueInfo>("coordinator@demo.local");
        var units = new Dictionary<string, long>();
        await using (var connection = await desk.Db.OpenAsync())
            foreach (var code in new[] { "P", "D1", "D1-C1", "D2", "D1-C2" })
                units[code] = await connection.ExecuteScalarAsync<long>("SELECT id FROM org_units WHERE code = @code", new { code });
        var targets = new Dictionary<string, long>();
        foreach (var code in new[] { "P", "D1", "D1-C1" })
            targets[code] = (await queues(new CreateQueue { UnitId = units[code], Name = "Bench " + code })).Id;

        long last = 0;
        var plan = Enumerable.Repeat("D1-C1", 20).Concat(Enumerable.Repeat("D1", 40)).Concat(Enumerable.Repeat("P", 40)).ToList();
        for (var i = 0; i < plan.Count; i++)
        {
            var unit = plan[i];
            var rule = new SaveRoutingRule { UnitId = units[unit], Name = F($"rule {i}"), TargetQueueId = targets[unit], PriorityBoost = i % 30 };
            if (i == plan.Count - 1)
            {
                rule.Keywords = ["vo de", "canh bao lu quet"];
                rule.PriorityBoost = 40;
            }
            else
            {
                Shape(rule, i, unit switch { "P" => units["D2"], "D1" => units["D1-C2"], _ => null });
            }
            last = (await save(rule)).Id;
        }
        var caseIds = new List<long>();
        await using (var connection = await desk.Db.OpenAsync())
            caseIds.AddRange(await connection.QueryAsync<long>("SELECT id FROM cases ORDER BY id"));
        return (caseIds, last);
    }

    /// <summary>
    /// Conditions that a new facebook case of D1-C1 without the absent phrases fails, each kind in turn; <paramref name="elsewhere"/>
    /// is a unit of the rule's subtree off the case's line (the commune's own rules have none).
    /// </summary>
    private static void Shape(SaveRoutingRule rule, int i, long? elsewhere)
    {
        string[] Phrases(int n) => Enumerable.Range(0, n).Select(k => Absent[(i + k * 7) % Absent.Length]).ToArray();
        switch (i % 7)
        {
            case 0: rule.Keywords = Phrases(4); break;
            case 1: rule.Platforms = ["tiktok", "zalo", "youtube"]; break;
            case 2: rule.Categories = ["health", "scams"]; rule.Verdicts = ["false"]; break;
            case 3: rule.MinSeverity = 3; rule.Keywords = Phrases(2); break;
            case 4 when elsewhere is not null: rule.WithinUnitId = elsewhere; break;
            case 4: rule.MinReports = 50; break;
            case 5: rule.Platforms = ["facebook"]; rule.Keywords = Phrases(3); break;
            default: rule.MinReports = 20; rule.Keywords = Phrases(1); break;
        }
    }

    /// <summary>Each sample in its own write transaction, rolled back after the clock stops, so every sample places the same kind of case.</summary>
    private static async Task<List<double>> TimeInTransactionAsync(System.Data.Common.DbConnection connection, int samples, List<long> caseIds, Random random)
    {
        var times = new List<double>(samples);
        for (var i = 0; i < samples + 20; i++)
        {
            await using var tx = await Triage.Server.Data.WriteTransactions.BeginWriteAsync(connection);
            var work = new Work(connection, tx, Actor.System, DateTimeOffset.UtcNow);
            var id = caseIds[random.Next(caseIds.Count)];
            var started = Stopwatch.GetTimestamp();
            await CaseRouting.ApplyAsync(work, id);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await tx.RollbackAsync();
            if (i >= 20) times.Add(elapsed);
        }
        times.Sort();
        return times;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Triage.Client.Cases;
using Triage.Server.Cases;
using Triage.Server.Pipeline;
using Triage.Server.Search;
using static Triage.Bench.Timing;

namespace Triage.Bench;

/// <summary>
/// The reviewer's queue over a province-sized desk: first page, a deep page, the case page and a text
/// search, each sent through IMediator as a reviewer at the province and at a district (so the whole
/// pipeline runs: actor, roles, scope rule, validation), against a bare indexed SELECT in the same run.
/// The desk is built once under the data directory and reused by later runs.
/// </summary>
public static class QueueBench
{
    private const int Districts = 12;
    private const int CommunesPerDistrict = 15;
    private const string ProvinceReviewer = "reviewer-p@bench.local";
    private const string DistrictReviewer = "reviewer@demo.local";

    private static readonly string[] Platforms = ["facebook", "facebook", "facebook", "tiktok", "tiktok", "zalo", "zalo", "youtube", "web", "other"];
    private static readonly string[] Verdicts = ["false", "misleading", "out_of_context", "hostile", "scam", "unverifiable"];
    private static readonly string[] Categories = ["health", "economy", "policy_law", "security_order", "disasters", "scams", "society", "other"];

    public static async Task<int> RunAsync(string directory, int reports, int cases, int samples)
    {
        Directory.CreateDirectory(directory);
        await using var desk = await BenchDesk.CreateAsync(directory);
        var loaded = await desk.Db.OpenAsync().ContinueWith(async t =>
        {
            await using var c = await t;
            return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM reports");
        }).Unwrap();
        if (loaded == 0)
        {
            var load = Stopwatch.StartNew();
            await LoadAsync(desk, reports, cases);
            Console.WriteLine(F($"loaded {reports:N0} reports in {cases:N0} cases in {load.Elapsed.TotalSeconds:0} s"));
        }
        else if (loaded != reports)
        {
            Console.Error.WriteLine(F($"{directory} holds {loaded:N0} reports, not {reports:N0}: delete it or pick another --data."));
            return 1;
        }
        await using (var c = await desk.Db.OpenAsync())
        {
            var open = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM cases WHERE status IN ('new','triaged','assigned','escalated','responded')");
            Console.WriteLine(F($"{BenchDesk.Engine} desk: {directory} ({await desk.SizeMbAsync():0} MB), {await c.ExecuteScalarAsync<long>("SELECT count(*) FROM cases"):N0} cases, {open:N0} open, {await c.ExecuteScalarAsync<long>("SELECT count(*) FROM org_units"):N0} units"));
        }

        await RefresherAsync(desk);
        var baseline = await BaselineAsync(desk, samples);
        Console.WriteLine(F($"baseline SELECT id FROM cases ORDER BY id LIMIT 50: p50 {P(baseline, 0.5):0.000} ms, p95 {P(baseline, 0.95):0.000} ms"));
        Console.WriteLine();
        Console.WriteLine("| as | what | p50 ms | p95 ms | p99 ms | p50 / baseline p50 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (email, label) in new[] { (ProvinceReviewer, "province reviewer"), (DistrictReviewer, "district reviewer") })
            await MeasureAsAsync(desk, email, label, samples, P(baseline, 0.5));
        return 0;
    }

    private static async Task MeasureAsAsync(BenchDesk desk, string email, string label, int samples, double baseline)
    {
        var list = await desk.SenderAs<CasePage>(email);
        var get = await desk.SenderAs<CaseDetail>(email);
        void Row(string what, List<double> times) =>
            Console.WriteLine(F($"| {label} | {what} | {P(times, 0.5):0.00} | {P(times, 0.95):0.00} | {P(times, 0.99):0.00} | {P(times, 0.5) / baseline:0} |"));

        Row("first queue page (priority, 50)", await TimeAsync(samples, _ => list(new ListCases())));
        foreach (var sort in new[] { CaseSort.Age, CaseSort.Reports, CaseSort.Recent })
            Row($"first page by {sort.ToString().ToLowerInvariant()}", await TimeAsync(samples / 3, _ => list(new ListCases { Sort = sort })));
        Row("first page, unassigned + severity 3", await TimeAsync(samples / 3, _ => list(new ListCases { Assigned = false, Severity = 3 })));

        // The cursor after `depth` rows, reached the way a client would: page after page.
        var (deep, depth, ids) = await WalkAsync(list, 20_000);
        Row($"deep page (priority, after {depth:N0} rows)", await TimeAsync(samples, _ => list(new ListCases { Cursor = deep })));
        var (deepAge, _, _) = await WalkAsync(list, depth, CaseSort.Age);
        Row($"deep page (age, after {depth:N0} rows)", await TimeAsync(samples / 3, _ => list(new ListCases { Sort = CaseSort.Age, Cursor = deepAge })));

        var random = new Random(3);
        Row("case page (GetCase)", await TimeAsync(samples, _ => get(new GetCase(ids[random.Next(ids.Count)]))));

        var queries = await QueriesAsync(desk, 6);
        var hits = new Dictionary<string, int>();
        var search = await TimeAsync(samples, async i =>
        {
            var page = await list(new ListCases { Q = queries[i % queries.Count] });
            hits[queries[i % queries.Count]] = page.Items.Count;
            return page;
        });
        Row($"text search, first page ({string.Join(", ", queries.Select(q => $"\"{q}\" {hits[q]}"))} rows)", search);
        // The worst case: one word that nearly every case holds, so the search filters almost nothing.
        var common = await CommonWordAsync(desk);
        Row($"text search, one word in most cases (\"{common}\")", await TimeAsync(samples / 3, _ => list(new ListCases { Q = common })));
    }

    private static async Task<(string Cursor, int Depth, List<long> Ids)> WalkAsync(Func<MediatR.IRequest<CasePage>, Task<CasePage>> list, int wanted,
        CaseSort sort = CaseSort.Priority)
    {
        var ids = new List<long>();
        string? cursor = null;
        string? deepest = null;
        while (ids.Count < wanted)
        {
            var page = await list(new ListCases { Sort = sort, Limit = ListCases.MaxLimit, Cursor = cursor });
            ids.AddRange(page.Items.Select(i => i.Id));
            if (page.NextCursor is null) break;
            deepest = cursor = page.NextCursor;
        }
        // A district may hold fewer open cases than wanted: then the cursor four fifths in.
        if (ids.Count < wanted)
            return await WalkAsync(list, ids.Count * 4 / 5 / ListCases.MaxLimit * ListCases.MaxLimit, sort);
        return (deepest ?? throw new InvalidOperationException("No second page."), ids.Count, ids);
    }

    /// <summary>Two or three consecutive syllables of a random open case's title, typed without diacritics.</summary>
    private static async Task<List<string>> QueriesAsync(BenchDesk desk, int count)
    {
        await using var connection = await desk.Db.OpenAsync();
        var random = new Random(11);
        var max = await connection.ExecuteScalarAsync<long>("SELECT max(id) FROM cases");
        var titles = new List<string>();
        while (titles.Count < count)
            if (await connection.ExecuteScalarAsync<string?>("SELECT title FROM cases WHERE id = @id AND status = 'new'", new { id = random.NextInt64(1, max + 1) }) is { } title)
                titles.Add(title);
        return titles.Select((t, i) =>
        {
            var words = TextFold.Fold(t).Split(' ');
            var length = 2 + i % 2;
            var start = random.Next(Math.Max(1, words.Length - length));
            return string.Join(' ', words.Skip(start).Take(length));
        }).ToList();
    }

    private static async Task<string> CommonWordAsync(BenchDesk desk)
    {
        await using var connection = await desk.Db.OpenAsync();
        var titles = await connection.QueryAsync<string>("SELECT title FROM cases WHERE id <= 200");
        return titles.SelectMany(t => TextFold.Fold(t).Split(' ').Distinct()).GroupBy(w => w).MaxBy(g => g.Count())!.Key;
    }

    private static async Task<List<double>> BaselineAsync(BenchDesk desk, int samples)
    {
        await using var connection = await desk.Db.OpenAsync();
        return await TimeAsync(samples, async _ => (await connection.QueryAsync<long>("SELECT id FROM cases ORDER BY id LIMIT 50")).AsList());
    }

    private static async Task RefresherAsync(BenchDesk desk)
    {
        var refresher = new PriorityRefresher(desk.Db, desk.Services.GetRequiredService<WriteGate>(), TimeProvider.System,
            desk.Services.GetRequiredService<Triage.Server.Hosting.JobLease>(), NullLogger<PriorityRefresher>.Instance);
        var watch = Stopwatch.StartNew();
        var changed = await refresher.RefreshAsync();
        var full = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var again = await refresher.RefreshAsync();
        Console.WriteLine(F($"priority refresher: first pass (every open case) {full:0} ms, {changed:N0} changed; a later pass (last 49 h) {watch.Elapsed.TotalMilliseconds:0.0} ms, {again:N0} changed"));
    }

    /// <summary>
    /// A province of <see cref="Districts"/> districts of <see cref="CommunesPerDistrict"/> communes, a member per commune, and
    /// cases as a desk collects them over four months: most owned by one commune, some by a district or the province; report
    /// counts with a long tail; older cases mostly settled; times bound as DateTimeOffset, as the handlers bind them. Text
    /// bands (grouping) are not built: nothing here reads them.
    /// </summary>
    private static async Task LoadAsync(BenchDesk desk, int reports, int cases)
    {
        await using var connection = await desk.Db.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var communes = await AddUnitsAsync(connection, now);
        var data = new SyntheticReports(seed: 5);
        var random = new Random(5);
        var counts = Counts(random, reports, cases);

        using var insertCase = Command(connection, """
            INSERT INTO cases (status, title, platform, owner_unit_id, queue_id, report_count, search_texts, first_reported_at, last_reported_at,
                               verdict, category, severity, assignee_user_id, classified_at, created_at, updated_at)
            VALUES (@status, @title, @platform, @owner, (SELECT id FROM queues WHERE unit_id = @owner AND is_inbox = TRUE), @count, 1, @first, @last,
                    @verdict, @category, @severity, @assignee, @classified, @first, @now)
            RETURNING id
            """, "status", "title", "platform", "owner", "count", "first", "last", "verdict", "category", "severity", "assignee", "classified", "now");
        using var insertReport = Command(connection, """
            INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, url_raw, url_canonical, platform, text, text_folded, matched_by, submitted_at)
            VALUES (@case, @user, @unit, @url, @url, @platform, @text, @folded, @matched, @at)
            """, "case", "user", "unit", "url", "platform", "text", "folded", "matched", "at");
        using var insertUnit = Command(connection, "INSERT INTO case_reporter_units (case_id, unit_id) VALUES (@case, @unit) ON CONFLICT DO NOTHING", "case", "unit");
        var responder = await connection.ExecuteScalarAsync<long>("SELECT id FROM users WHERE email = 'responder@demo.local'");

        DbTransaction? tx = null;
        for (var i = 0; i < cases; i++)
        {
            if (i % 5_000 == 0)
            {
                if (tx is not null) await tx.CommitAsync();
                tx = connection.BeginTransaction();
                foreach (var command in new[] { insertCase, insertReport, insertUnit }) command.Transaction = tx;
                if (i % 50_000 == 0 && i > 0) Console.WriteLine(F($"  {i:N0} cases"));
            }
            var home = communes[random.Next(communes.Count)];
            // 85% of posts are reported within one commune, 12% across a district, 3% across the province.
            var spread = random.NextDouble();
            var reporters = Enumerable.Range(0, counts[i]).Select(r => r == 0 || spread < 0.85 ? home
                : spread < 0.97 ? communes.Where(c => c.District == home.District).ElementAt(random.Next(CommunesPerDistrict))
                : communes[random.Next(communes.Count)]).ToList();
            var owner = reporters.All(r => r.Unit == home.Unit) ? home.Unit
                : reporters.All(r => r.District == home.District) ? home.District : communes[0].Province;

            var ageHours = random.NextDouble() < 0.03 ? random.NextDouble() * 48 : random.NextDouble() * 24 * 120;
            var first = now - TimeSpan.FromHours(ageHours);
            var last = first + TimeSpan.FromHours(Math.Min(ageHours, random.NextDouble() * 24 * 5) * Math.Min(1, counts[i] - 1));
            var status = StatusOf(random, ageHours);
            var classified = status != "new";
            var title = data.Claim(30);
            var platform = Platforms[random.Next(Platforms.Length)];

            insertCase.Parameters["@status"].Value = status;
            insertCase.Parameters["@title"].Value = title;
            insertCase.Parameters["@platform"].Value = platform;
            insertCase.Parameters["@owner"].Value = owner;
            insertCase.Parameters["@count"].Value = counts[i];
            insertCase.Parameters["@first"].Value = first;
            insertCase.Parameters["@last"].Value = last;
            insertCase.Parameters["@verdict"].Value = classified ? Verdicts[random.Next(Verdicts.Length)] : DBNull.Value;
            insertCase.Parameters["@category"].Value = classified ? Categories[random.Next(Categories.Length)] : DBNull.Value;
            insertCase.Parameters["@severity"].Value = classified ? 1 + random.Next(4) : DBNull.Value;
            insertCase.Parameters["@assignee"].Value = status is "assigned" or "responded" or "closed" ? responder : DBNull.Value;
            insertCase.Parameters["@classified"].Value = classified ? first + TimeSpan.FromHours(Math.Min(ageHours, 2)) : DBNull.Value;
            insertCase.Parameters["@now"].Value = now;
            var caseId = (long)(await insertCase.ExecuteScalarAsync())!;
            await CaseSearch.AddAsync(connection, tx, caseId, title, title);

            var link = SyntheticReports.Link(i);
            for (var r = 0; r < counts[i]; r++)
            {
                var byLink = r > 0 && random.NextDouble() < 0.5;
                var text = r == 0 || byLink ? title : data.Retyped(title);
                var at = r == 0 ? first : first + (last - first) * random.NextDouble();
                insertReport.Parameters["@case"].Value = caseId;
                insertReport.Parameters["@user"].Value = reporters[r].Member;
                insertReport.Parameters["@unit"].Value = reporters[r].Unit;
                insertReport.Parameters["@url"].Value = r == 0 || byLink ? link : DBNull.Value;
                insertReport.Parameters["@platform"].Value = platform;
                insertReport.Parameters["@text"].Value = text;
                insertReport.Parameters["@folded"].Value = TextFold.Fold(text);
                insertReport.Parameters["@matched"].Value = r == 0 ? DBNull.Value : byLink ? "url" : "text";
                insertReport.Parameters["@at"].Value = at;
                await insertReport.ExecuteNonQueryAsync();
                insertUnit.Parameters["@case"].Value = caseId;
                insertUnit.Parameters["@unit"].Value = reporters[r].Unit;
                await insertUnit.ExecuteNonQueryAsync();
            }
        }
        if (tx is not null) await tx.CommitAsync();
        if (BenchDesk.PostgresServer is null) await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        else await BenchDesk.AnalyzeAsync(connection);
    }

    private static string StatusOf(Random random, double ageHours)
    {
        var settledShare = ageHours > 24 * 14 ? 0.8 : 0.1;
        var x = random.NextDouble();
        if (x < settledShare)
        {
            var y = random.NextDouble();
            return y < 0.7 ? "closed" : "dismissed";
        }
        var z = random.NextDouble();
        return z < 0.4 ? "new" : z < 0.65 ? "triaged" : z < 0.9 ? "assigned" : z < 0.93 ? "escalated" : "responded";
    }

    /// <summary>Reports per case: at least one, a long tail, adding up to exactly <paramref name="reports"/>.</summary>
    private static int[] Counts(Random random, int reports, int cases)
    {
        var counts = new int[cases];
        var weights = Enumerable.Range(0, cases).Select(_ => Math.Pow(random.NextDouble(), -0.6) - 0.99).ToArray();
        var scale = (reports - cases) / weights.Sum();
        for (var i = 0; i < cases; i++) counts[i] = 1 + (int)(weights[i] * scale);
        var left = reports - counts.Sum();
        for (var i = 0; left != 0; i = (i + 1) % cases)
        {
            if (left > 0) { counts[i]++; left--; }
            else if (counts[i] > 1) { counts[i]--; left++; }
        }
        return counts;
    }

    private sealed record Commune(long Unit, long District, long Province, long Member);

    /// <summary>The demo tree's province, widened to its real size, a member per commune, and a reviewer at the province.</summary>
    private static async Task<List<Commune>> AddUnitsAsync(DbConnection connection, DateTimeOffset now)
    {
        await using var tx = connection.BeginTransaction();
        var province = await connection.ExecuteScalarAsync<long>("SELECT id FROM org_units WHERE parent_id IS NULL", transaction: tx);
        var communes = new List<Commune>();
        for (var d = 1; d <= Districts; d++)
        {
            var district = await UnitAsync(connection, tx, $"D{d}", province, now);
            for (var c = 1; c <= CommunesPerDistrict; c++)
            {
                var commune = await UnitAsync(connection, tx, $"D{d}-C{c}", district, now);
                var member = await connection.ExecuteScalarAsync<long>("""
                    INSERT INTO users (email, name, unit_id, security_stamp, created_at) VALUES (@email, 'Hội viên', @commune, 'bench', @now) RETURNING id;
                    """, new { email = $"member-d{d}c{c}@bench.local", commune, now }, tx);
                await connection.ExecuteAsync("INSERT INTO user_roles (user_id, role) VALUES (@member, 'member')", new { member }, tx);
                communes.Add(new Commune(commune, district, province, member));
            }
        }
        var reviewer = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO users (email, name, unit_id, security_stamp, created_at) VALUES (@ProvinceReviewer, 'Thẩm định tỉnh', @province, 'bench', @now) RETURNING id
            """, new { ProvinceReviewer, province, now }, tx);
        await connection.ExecuteAsync("INSERT INTO user_roles (user_id, role) VALUES (@reviewer, 'reviewer')", new { reviewer }, tx);
        await tx.CommitAsync();
        return communes;
    }

    /// <summary>The demo's unit of that code, or a new one under <paramref name="parent"/>.</summary>
    private static async Task<long> UnitAsync(DbConnection connection, DbTransaction tx, string code, long parent, DateTimeOffset now)
    {
        if (await connection.ExecuteScalarAsync<long?>("SELECT id FROM org_units WHERE code = @code", new { code }, tx) is { } existing) return existing;
        var parentPath = await connection.ExecuteScalarAsync<string>("SELECT path FROM org_units WHERE id = @parent", new { parent }, tx);
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at)
            VALUES ((SELECT coalesce(max(id), 0) + 1 FROM org_units), @parent, @code, @code, 'pending-' || @code, 0, @now) RETURNING id
            """, new { parent, code, now }, tx);
        var path = string.Create(CultureInfo.InvariantCulture, $"{parentPath}{id}/");
        await connection.ExecuteAsync("UPDATE org_units SET path = @path, depth = @depth WHERE id = @id",
            new { path, depth = path.Count(c => c == '/') - 2, id }, tx);
        return id;
    }

    private static DbCommand Command(DbConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

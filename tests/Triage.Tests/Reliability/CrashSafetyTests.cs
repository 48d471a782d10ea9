using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Triage.Tests.Support;
using Xunit.Abstractions;

namespace Triage.Tests.Reliability;

/// <summary>
/// The real server, killed with SIGKILL while several members file reports at once, then started again on the
/// same data directory: the durability promise (one transaction per report with its audit event and its
/// Idempotency-Key) checked from outside the process, where no in-process test can reach. On SQLite the database
/// file dies with the process (WAL); on PostgreSQL only the app server dies, as when one of several app servers is lost.
/// </summary>
public sealed partial class CrashSafetyTests : IAsyncLifetime
{
    private const int Clients = 6;
    private const int AcceptedBeforeKill = 150;
    private const int SigKillExitCode = 128 + 9;

    private readonly string _directory = TempDirectory.Create();
    private readonly ServerProcess _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    private readonly ITestOutputHelper _output;

    public CrashSafetyTests(ITestOutputHelper output)
    {
        _output = output;
        _server = new ServerProcess(_directory, settings: new Dictionary<string, string>
        {
            // The per-member allowance (30 a minute) would answer 429 long before the kill.
            ["Triage__RateLimits__ReportsPerMinute"] = "1000000",
        });
    }

    [Fact]
    public async Task Every_report_answered_201_before_a_SIGKILL_is_filed_exactly_once_in_a_whole_case_and_the_audit_chain_holds()
    {
        var tokens = await AddMembersAsync("m1@crash.test", "m2@crash.test");
        await _server.StartAsync();

        var accepted = new ConcurrentDictionary<string, Answer>();
        var unanswered = new ConcurrentQueue<Submission>();
        var unexpected = new ConcurrentQueue<string>();
        var killed = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            // Each client files as fast as it can until the kill cuts it off; only the client that sees the
            // threshold crossed kills, so the others are mid-request or about to send when the server dies.
            for (var n = 0; ; n++)
            {
                var submission = Submission.For(client, n, tokens[client % tokens.Count]);
                var (status, answer, failure) = await TrySubmitAsync(submission);
                if (failure is not null)
                {
                    if (Volatile.Read(ref killed) == 0) unexpected.Enqueue($"{submission.Marker} before the kill: {failure}");
                    else unanswered.Enqueue(submission);
                    return;
                }
                if (status != HttpStatusCode.Created)
                {
                    unexpected.Enqueue($"{submission.Marker}: {(int)status}");
                    return;
                }
                accepted[submission.Marker] = answer!;
                if (accepted.Count >= AcceptedBeforeKill && Interlocked.CompareExchange(ref killed, 1, 0) == 0)
                {
                    await _server.KillAsync();
                    return;
                }
            }
        })));

        Assert.Empty(unexpected);
        Assert.Equal(SigKillExitCode, _server.ExitCode);
        Assert.True(accepted.Count >= AcceptedBeforeKill);
        Assert.NotEmpty(unanswered);
        var acceptedBeforeKill = accepted.ToDictionary();

        await _server.StartAsync();
        _output.WriteLine($"{acceptedBeforeKill.Count} answered 201 before the kill; {unanswered.Count} unanswered, " +
                          $"of which {await CountFiledAsync(unanswered.Select(u => u.Marker))} had been filed before the server died.");

        // A client that lost its answer retries with the same key: filed once whether or not the first try committed.
        foreach (var submission in unanswered)
        {
            var (status, answer, failure) = await TrySubmitAsync(submission);
            Assert.Null(failure);
            Assert.Equal(HttpStatusCode.Created, status);
            accepted[submission.Marker] = answer!;
        }
        // A retry of an answered report replays the first answer.
        foreach (var (marker, first) in acceptedBeforeKill.OrderBy(a => a.Key, StringComparer.Ordinal).Take(5))
        {
            var (client, n) = Submission.Parse(marker);
            var (status, again, _) = await TrySubmitAsync(Submission.For(client, n, tokens[client % tokens.Count]));
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal(first, again);
        }

        await using var db = await TestDatabase.OpenAsync(_directory);
        var reports = (await db.QueryAsync<(long Id, long CaseId, string Text)>("SELECT id, case_id, text FROM reports")).ToList();
        var byMarker = reports.GroupBy(r => MarkerPattern().Match(r.Text).Value).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(accepted, a =>
        {
            var stored = Assert.Single(byMarker.GetValueOrDefault(a.Key) ?? []);
            Assert.Equal((a.Value.ReportId, a.Value.CaseId), (stored.Id, stored.CaseId));
        });
        // Nothing beyond what was answered: every submission was retried until answered, so no other report may exist.
        Assert.Equal(accepted.Count, reports.Count);

        Assert.Empty(await db.QueryAsync<long>("""
            SELECT c.id FROM cases c
            WHERE c.report_count <> (SELECT count(*) FROM reports r WHERE r.case_id = c.id)
               OR c.report_count < 1
               OR c.reporter_unit_count <> (SELECT count(*) FROM case_reporter_units u WHERE u.case_id = c.id)
               OR NOT EXISTS (SELECT 1 FROM case_search s WHERE s.rowid = c.id)
            """));
        Assert.Empty(await db.QueryAsync<long>("SELECT r.id FROM reports r WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id)"));
        Assert.Empty(await db.QueryAsync<long>("""
            SELECT r.id FROM reports r
            WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'report' AND e.entity_id = CAST(r.id AS TEXT))
               OR NOT EXISTS (SELECT 1 FROM case_reporter_units u WHERE u.case_id = r.case_id AND u.unit_id = r.reporter_unit_id)
            """));
        Assert.Empty(await db.QueryAsync<string>($"""
            SELECT k.key FROM idempotency_keys k
            WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE CAST(r.id AS TEXT) = {TestDatabase.JsonText("k.response", "$.ReportId")})
            """));
        Assert.Equal(accepted.Count, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM idempotency_keys"));
        Assert.Empty(await db.QueryAsync<long>("""
            SELECT b.case_id FROM case_text_bands b
            WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = b.report_id AND r.case_id = b.case_id)
            """));
        if (!TestDatabase.IsPostgres)
        {
            Assert.Empty(await db.QueryAsync("PRAGMA foreign_key_check"));
            Assert.Equal("ok", await db.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        }
        // Grouping ran under the crash too: shared posts gathered several reports into one case.
        Assert.True(await db.ExecuteScalarAsync<long>("SELECT max(report_count) FROM cases") > 1);

        var verify = await _server.RunVerbAsync("", "audit", "verify");
        Assert.True(verify.Exit == 0, $"audit verify exited {verify.Exit}: {verify.Err}");
    }

    private async Task<long> CountFiledAsync(IEnumerable<string> markers)
    {
        await using var db = await TestDatabase.OpenAsync(_directory);
        var texts = await db.QueryAsync<string>("SELECT text FROM reports");
        var wanted = markers.ToHashSet();
        return texts.Count(t => wanted.Contains(MarkerPattern().Match(t).Value));
    }

    private async Task<List<string>> AddMembersAsync(params string[] emails)
    {
        await Verb("a-long-admin-password\n", "users", "add", "--email", "admin@crash.test", "--name", "Admin", "--roles", "admin", "--unit", "ORG", "--password-stdin");
        var tokens = new List<string>();
        foreach (var email in emails)
        {
            await Verb("a-long-member-password\n", "users", "add", "--email", email, "--name", email, "--roles", "member", "--unit", "ORG", "--password-stdin");
            tokens.Add((await Verb("", "tokens", "issue", "--email", email)).Trim());
        }
        return tokens;
    }

    private async Task<string> Verb(string stdin, params string[] args)
    {
        var (exit, output, errors) = await _server.RunVerbAsync(stdin, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)} exited {exit}: {errors}");
        return output;
    }

    /// <summary>The answer, or why none came: a refused connection or a reset mid-answer both leave the client not knowing.</summary>
    private async Task<(HttpStatusCode Status, Answer? Answer, string? Failure)> TrySubmitAsync(Submission submission)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseAddress, "/api/v1/reports"))
        {
            Content = JsonContent.Create(new { url = submission.Url, text = submission.Text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", submission.Token);
        request.Headers.Add("Idempotency-Key", submission.Marker);
        try
        {
            using var response = await _http.SendAsync(request);
            var answer = response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<Answer>() : null;
            return (response.StatusCode, answer, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (default, null, e.Message);
        }
    }

    [GeneratedRegex(@"crash-c\d+-n\d+")]
    private static partial Regex MarkerPattern();

    private sealed record Answer(long ReportId, long CaseId);

    private sealed record Submission(string Marker, string Url, string Text, string Token)
    {
        private static readonly string[] Claims =
        [
            "Uống nước chanh nóng mỗi sáng chữa khỏi ung thư trong ba tuần, bác sĩ bệnh viện lớn đã xác nhận",
            "Ngân hàng sẽ khóa mọi tài khoản chưa cập nhật căn cước trước ngày mai, hãy bấm vào đường dẫn này",
            "Bridge on the national highway collapsed this morning and the ministry is hiding the number of victims",
            "Vaccine mới có chứa vi mạch theo dõi người tiêm, chia sẻ ngay trước khi bài bị xóa",
        ];

        /// <summary>Every third report shares one of seven posts, so URL grouping joins cases while they are being written.</summary>
        public static Submission For(int client, int n, string token)
        {
            var marker = $"crash-c{client}-n{n}";
            var url = n % 3 == 0 ? $"https://www.facebook.com/groups/crashtest/posts/{n % 7}" : $"https://www.facebook.com/crashtest/posts/{client}{n:D6}";
            return new Submission(marker, url, $"{Claims[(client + n) % Claims.Length]} ({marker})", token);
        }

        public static (int Client, int N) Parse(string marker)
        {
            var parts = marker.Split('-');
            return (int.Parse(parts[1][1..], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[2][1..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        TestDatabase.Drop(_directory);
        TempDirectory.Delete(_directory);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

/// <summary>Comments, activity, automatic assignment, bulk, notifications and queues over HTTP, and the escalation, merge and split routes.</summary>
public sealed class CaseWorkApiTests(CaseWorkApiTests.Desk desk) : IClassFixture<CaseWorkApiTests.Desk>
{
    /// <summary>The class files more reports than one member may in a minute by default.</summary>
    public sealed class Desk : DeskFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Triage:RateLimits:ReportsPerMinute"] = "1000" };
    }

    private readonly Dictionary<string, HttpClient> _clients = [];

    private async Task<HttpClient> Bearer(string email)
    {
        if (_clients.TryGetValue(email, out var known)) return known;
        var cookie = await desk.SignedInClient(email);
        var af = await (await cookie.GetAsync("/api/v1/antiforgery")).Json<JsonElement>();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "case work api test" }) };
        request.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        var token = (await (await cookie.SendAsync(request)).Json<JsonElement>()).GetProperty("token").GetString();
        var client = desk.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _clients[email] = client;
    }

    private async Task<long> NewCase(string post)
    {
        var member = await Bearer("member@demo.local");
        var url = $"https://facebook.com/posts/case-work-{post}";
        return (await (await member.PostAsJsonAsync("/api/v1/reports", new { url })).Json<JsonElement>()).GetProperty("caseId").GetInt64();
    }

    private async Task<string> ETag(long caseId) =>
        (await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/cases/{caseId}")).Headers.ETag!.ToString();

    private async Task<HttpResponseMessage> Post(string path, object body, string? ifMatch = null, string email = "reviewer@demo.local")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await (await Bearer(email)).SendAsync(request);
    }

    private async Task<string> Triaged(long caseId)
    {
        var response = await Post($"/api/v1/cases/{caseId}/classification", new { verdict = "false", category = "health", severity = 2 }, await ETag(caseId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_comment_answers_201_and_appears_in_the_activity()
    {
        var caseId = await NewCase("comment");

        var response = await Post($"/api/v1/cases/{caseId}/comments", new { text = "Nhờ @responder@demo.local soạn bài phản bác" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/cases/{caseId}/activity", response.Headers.Location?.ToString());
        var comment = await response.Json<JsonElement>();
        Assert.Equal("reviewer@demo.local", comment.GetProperty("author").GetProperty("email").GetString());
        Assert.Equal("responder@demo.local", comment.GetProperty("mentions")[0].GetProperty("email").GetString());
        var activity = await (await (await Bearer("responder@demo.local")).GetAsync($"/api/v1/cases/{caseId}/activity")).Json<JsonElement>();
        Assert.Equal(comment.GetProperty("id").GetInt64(), activity.GetProperty("comments")[0].GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Array, activity.GetProperty("timeline").ValueKind);
    }

    [Fact]
    public async Task A_member_gets_403_and_a_sibling_districts_reviewer_404_on_comments()
    {
        var caseId = await NewCase("comment-scope");

        await Problem(await Post($"/api/v1/cases/{caseId}/comments", new { text = "Tôi cũng thấy" }, email: "member@demo.local"), HttpStatusCode.Forbidden);
        await Problem(await Post($"/api/v1/cases/{caseId}/comments", new { text = "Xem thử" }, email: "reviewer2@demo.local"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Bearer("reviewer2@demo.local")).GetAsync($"/api/v1/cases/{caseId}/activity")).StatusCode);
    }

    [Fact]
    public async Task A_mention_of_someone_who_cannot_read_the_case_is_a_field_error_on_text()
    {
        var caseId = await NewCase("comment-mention");

        var problem = await Problem(await Post($"/api/v1/cases/{caseId}/comments", new { text = "Hỏi @reviewer2@demo.local" }), HttpStatusCode.BadRequest);

        Assert.Contains("reviewer2@demo.local", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        var activity = await (await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/cases/{caseId}/activity")).Json<JsonElement>();
        Assert.Equal(0, activity.GetProperty("comments").GetArrayLength());
    }

    [Fact]
    public async Task A_coordinator_turns_on_round_robin_and_auto_assignment_goes_through_the_assignment_route()
    {
        var coordinator = await Bearer("coordinator@demo.local");
        var queues = (await (await coordinator.GetAsync("/api/v1/queues")).Json<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var inbox = queues.Single(q => q.GetProperty("unit").GetProperty("code").GetString() == "D1-C1" && q.GetProperty("isInbox").GetBoolean());
        Assert.Equal("manual", inbox.GetProperty("strategy").GetString());
        var caseId = await NewCase("auto");
        var etag = await Triaged(caseId);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/queues/{inbox.GetProperty("id").GetInt64()}/assignment")
        {
            Content = JsonContent.Create(new { strategy = "round_robin", cap = 3 }),
        };

        var settings = await (await coordinator.SendAsync(put)).Json<JsonElement>();
        var response = await Post($"/api/v1/cases/{caseId}/assignment", new { auto = true }, etag);

        Assert.Equal(("round_robin", 3), (settings.GetProperty("strategy").GetString(), settings.GetProperty("cap").GetInt32()));
        var changed = await response.Json<JsonElement>();
        Assert.Equal("assigned", changed.GetProperty("status").GetString());
        Assert.Equal($"\"{changed.GetProperty("version").GetInt64()}\"", response.Headers.ETag?.ToString());
        var detail = await (await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/cases/{caseId}")).Json<JsonElement>();
        Assert.Equal("responder@demo.local", detail.GetProperty("assignee").GetProperty("email").GetString());

        var responder = await Bearer("responder@demo.local");
        var notes = await (await responder.GetAsync("/api/v1/notifications?unreadOnly=true")).Json<JsonElement>();
        Assert.Contains(notes.GetProperty("items").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "assignment" && n.GetProperty("caseId").GetInt64() == caseId);
        var marked = await (await responder.PostAsJsonAsync("/api/v1/notifications/read", new { })).Json<JsonElement>();
        Assert.True(marked.GetProperty("marked").GetInt32() >= 1);
        Assert.Equal(0, (await (await responder.GetAsync("/api/v1/notifications")).Json<JsonElement>()).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Queue_settings_are_for_coordinators_and_a_cap_must_be_positive()
    {
        var queueId = (await (await (await Bearer("reviewer@demo.local")).GetAsync("/api/v1/queues")).Json<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetInt64();
        HttpRequestMessage Put(object body) => new(HttpMethod.Put, $"/api/v1/queues/{queueId}/assignment") { Content = JsonContent.Create(body) };

        await Problem(await (await Bearer("reviewer@demo.local")).SendAsync(Put(new { strategy = "least_load" })), HttpStatusCode.Forbidden);
        var problem = await Problem(await (await Bearer("coordinator@demo.local")).SendAsync(Put(new { strategy = "least_load", cap = 0 })), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cap", out _));
    }

    [Fact]
    public async Task Bulk_answers_each_case_with_its_own_status()
    {
        var ok = await NewCase("bulk-ok");
        var stale = await NewCase("bulk-stale");

        var response = await Post("/api/v1/cases/bulk", new
        {
            kind = "dismiss", reason = "Không phải tin sai",
            items = new[] { new { caseId = ok, version = 1 }, new { caseId = stale, version = 7 } },
        });

        var items = (await response.Json<JsonElement>()).GetProperty("items");
        Assert.Equal((ok, true, 200, 2L), (items[0].GetProperty("caseId").GetInt64(), items[0].GetProperty("ok").GetBoolean(), items[0].GetProperty("status").GetInt32(), items[0].GetProperty("version").GetInt64()));
        Assert.Equal((false, 412), (items[1].GetProperty("ok").GetBoolean(), items[1].GetProperty("status").GetInt32()));
        Assert.False(string.IsNullOrEmpty(items[1].GetProperty("problem").GetString()));
        Assert.Equal("\"1\"", await ETag(stale));
    }

    [Fact]
    public async Task Escalation_and_deescalation_answer_200_with_the_new_etag()
    {
        var caseId = await NewCase("escalate");

        var up = await Post($"/api/v1/cases/{caseId}/escalation", new { reason = "Vượt thẩm quyền xã" }, await ETag(caseId));
        var upBody = await up.Json<JsonElement>();
        var down = await Post($"/api/v1/cases/{caseId}/deescalation", new { reason = "Xã xử lý được" }, up.Headers.ETag!.ToString());

        Assert.Equal("escalated", upBody.GetProperty("status").GetString());
        Assert.Equal($"\"{upBody.GetProperty("version").GetInt64()}\"", up.Headers.ETag!.ToString());
        Assert.Equal("new", (await down.Json<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(await ETag(caseId), down.Headers.ETag!.ToString());
    }

    [Theory]
    [InlineData("escalation")]
    [InlineData("deescalation")]
    [InlineData("merge")]
    [InlineData("split")]
    public async Task Each_write_route_answers_428_without_if_match_and_412_when_stale(string action)
    {
        var caseId = await NewCase($"precondition-{action}");
        var other = await NewCase($"precondition-{action}-other");
        object body = action switch
        {
            "merge" => new { intoCaseId = other },
            "split" => new { reportId = 1 },
            _ => new { reason = "Lý do" },
        };

        await Problem(await Post($"/api/v1/cases/{caseId}/{action}", body), HttpStatusCode.PreconditionRequired);
        var stale = await Problem(await Post($"/api/v1/cases/{caseId}/{action}", body, "\"41\""), HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, stale.GetProperty("currentVersion").GetInt64());
        Assert.Equal("\"1\"", await ETag(caseId));
    }

    [Fact]
    public async Task Deescalating_a_case_that_was_never_escalated_answers_409()
    {
        var caseId = await NewCase("deescalate-illegal");

        var problem = await Problem(await Post($"/api/v1/cases/{caseId}/deescalation", new { reason = "x" }, await ETag(caseId)), HttpStatusCode.Conflict);

        Assert.Equal("Conflict.IllegalTransition", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Merge_answers_200_and_a_merge_into_itself_is_a_field_error()
    {
        var source = await NewCase("merge-source");
        var target = await NewCase("merge-target");

        var itself = await Problem(await Post($"/api/v1/cases/{source}/merge", new { intoCaseId = source }, await ETag(source)), HttpStatusCode.BadRequest);
        var merged = await Post($"/api/v1/cases/{source}/merge", new { intoCaseId = target }, await ETag(source));
        var again = await Problem(await Post($"/api/v1/cases/{source}/merge", new { intoCaseId = target }, merged.Headers.ETag!.ToString()), HttpStatusCode.Conflict);

        Assert.True(itself.GetProperty("errors").TryGetProperty("intoCaseId", out _));
        Assert.Equal("merged", (await merged.Json<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("\"2\"", merged.Headers.ETag!.ToString());
        Assert.Equal("Conflict.IllegalTransition", again.GetProperty("code").GetString());
        var detail = await (await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/cases/{target}")).Json<JsonElement>();
        Assert.Equal(2, detail.GetProperty("reportCount").GetInt32());
    }

    [Fact]
    public async Task Split_answers_201_with_the_new_case_and_the_only_report_is_a_field_error()
    {
        var source = await NewCase("split");
        await NewCase("split"); // the same post again: a second report on the case
        var reports = (await (await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/cases/{source}")).Json<JsonElement>()).GetProperty("reports");

        var split = await Post($"/api/v1/cases/{source}/split", new { reportId = reports[1].GetProperty("id").GetInt64() }, await ETag(source));

        Assert.Equal(HttpStatusCode.Created, split.StatusCode);
        var body = await split.Json<JsonElement>();
        var newCase = body.GetProperty("caseId").GetInt64();
        Assert.Equal($"/api/v1/cases/{newCase}", split.Headers.Location?.ToString());
        Assert.Equal($"\"{body.GetProperty("sourceVersion").GetInt64()}\"", split.Headers.ETag!.ToString());
        Assert.Equal(await ETag(source), split.Headers.ETag!.ToString());

        var only = await Problem(await Post($"/api/v1/cases/{source}/split", new { reportId = reports[0].GetProperty("id").GetInt64() }, await ETag(source)), HttpStatusCode.BadRequest);
        Assert.True(only.GetProperty("errors").TryGetProperty("reportId", out _));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Responses;

/// <summary>The counter-messaging routes as DESIGN.md names them, from a member's report to a closed case.</summary>
public sealed class ResponsesApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private Task<HttpClient> Bearer(string email) => desk.BearerClient(email);

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_responder_drafts_publishes_records_reach_and_closes_and_the_reporter_gets_the_link()
    {
        var member = await Bearer("member@demo.local");
        var reviewer = await Bearer("reviewer@demo.local");
        var responder = await Bearer("responder@demo.local");
        var caseId = (await (await member.PostAsJsonAsync("/api/v1/reports", new { url = "https://facebook.com/posts/responses-api-chanh" }))
            .Json<JsonElement>()).GetProperty("caseId").GetInt64();
        var etag = (await reviewer.GetAsync($"/api/v1/cases/{caseId}")).Headers.ETag!.ToString();
        var classified = await Send(reviewer, HttpMethod.Post, $"/api/v1/cases/{caseId}/classification", new { verdict = "false", category = "health", severity = 2 }, etag);
        var assigned = await Send(reviewer, HttpMethod.Post, $"/api/v1/cases/{caseId}/assignment", new { responderEmail = "responder@demo.local" }, classified.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        var drafted = await Send(responder, HttpMethod.Post, $"/api/v1/cases/{caseId}/responses", new
        {
            kind = "debunk", channel = "facebook", language = "vi", fact = "Nước chanh không chữa ung thư.",
            text = "Sự thật: nước chanh không chữa được ung thư.",
        });
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var draft = await drafted.Json<JsonElement>();
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        var id = draft.GetProperty("responseId").GetInt64();

        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var ftp = await Problem(await Send(responder, HttpMethod.Post, $"/api/v1/responses/{id}/publication", new { publishedUrl = "ftp://example.com/bai", publishedAt = at }),
            HttpStatusCode.BadRequest);
        Assert.True(ftp.GetProperty("errors").TryGetProperty("publishedUrl", out _));
        var published = await Send(responder, HttpMethod.Post, $"/api/v1/responses/{id}/publication", new { publishedUrl = "https://facebook.com/ttxvn/posts/1", publishedAt = at });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", (await published.Json<JsonElement>()).GetProperty("status").GetString());

        await Problem(await Send(responder, HttpMethod.Patch, $"/api/v1/responses/{id}/reach", new { views = -5 }), HttpStatusCode.BadRequest);
        var reach = await Send(responder, HttpMethod.Patch, $"/api/v1/responses/{id}/reach", new { views = 120, shares = 3 });
        Assert.Equal(120, (await reach.Json<JsonElement>()).GetProperty("views").GetInt64());
        var listed = await (await reviewer.GetAsync($"/api/v1/cases/{caseId}/responses")).Json<JsonElement>();
        Assert.Equal(1, listed.GetProperty("items")[0].GetProperty("reach").GetProperty("history").GetArrayLength());

        await Problem(await Send(responder, HttpMethod.Post, $"/api/v1/cases/{caseId}/close", new { outcome = "responded" }), (HttpStatusCode)428);
        var current = (await reviewer.GetAsync($"/api/v1/cases/{caseId}")).Headers.ETag!.ToString();
        await Problem(await Send(responder, HttpMethod.Post, $"/api/v1/cases/{caseId}/close", new { reason = "xong" }, current), HttpStatusCode.BadRequest);
        var closed = await Send(responder, HttpMethod.Post, $"/api/v1/cases/{caseId}/close", new { outcome = "responded" }, current);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (await closed.Json<JsonElement>()).GetProperty("status").GetString());

        var mine = await (await member.GetAsync("/api/v1/reports/mine")).Json<JsonElement>();
        var report = mine.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("caseId").GetInt64() == caseId);
        Assert.Equal("false", report.GetProperty("verdict").GetString());
        Assert.Equal("https://facebook.com/ttxvn/posts/1", report.GetProperty("counterMessageUrl").GetString());
    }

    [Fact]
    public async Task Where_approval_is_required_the_author_asks_over_the_api_and_a_second_reviewer_approves()
    {
        var member = await Bearer("member@demo.local");
        var reviewer = await Bearer("reviewer@demo.local");
        var responder = await Bearer("responder@demo.local");
        var coordinator = await Bearer("coordinator@demo.local");
        var caseId = (await (await member.PostAsJsonAsync("/api/v1/reports", new { url = "https://facebook.com/posts/responses-api-duyet" }))
            .Json<JsonElement>()).GetProperty("caseId").GetInt64();
        var etag = (await reviewer.GetAsync($"/api/v1/cases/{caseId}")).Headers.ETag!.ToString();
        var classified = await Send(reviewer, HttpMethod.Post, $"/api/v1/cases/{caseId}/classification", new { verdict = "false", category = "health", severity = 2 }, etag);
        await Send(reviewer, HttpMethod.Post, $"/api/v1/cases/{caseId}/assignment", new { responderEmail = "responder@demo.local" }, classified.Headers.ETag!.ToString());
        var owner = (await (await reviewer.GetAsync($"/api/v1/cases/{caseId}")).Json<JsonElement>()).GetProperty("unit").GetProperty("code").GetString();
        var queue = (await (await coordinator.GetAsync("/api/v1/queues")).Json<JsonElement>()).GetProperty("items").EnumerateArray()
            .Single(q => q.GetProperty("isInbox").GetBoolean() && q.GetProperty("unit").GetProperty("code").GetString() == owner);
        var queueId = queue.GetProperty("id").GetInt64();
        var turnedOn = await Send(coordinator, HttpMethod.Put, $"/api/v1/queues/{queueId}", new
        {
            name = queue.GetProperty("name").GetString(), order = queue.GetProperty("order").GetString(), strategy = queue.GetProperty("strategy").GetString(), requiresApproval = true,
        });
        Assert.Equal(HttpStatusCode.OK, turnedOn.StatusCode);
        var id = (await (await Send(responder, HttpMethod.Post, $"/api/v1/cases/{caseId}/responses", new
        {
            kind = "debunk", channel = "x", language = "vi", text = "Sự thật: không có thuốc chữa sốt xuất huyết tại nhà.",
        })).Json<JsonElement>()).GetProperty("responseId").GetInt64();

        var early = await Problem(await Send(responder, HttpMethod.Post, $"/api/v1/responses/{id}/publication", new { publishedUrl = "https://x.com/hoi/status/1", publishedAt = DateTimeOffset.UtcNow }),
            HttpStatusCode.Conflict);
        Assert.Equal("Conflict.Response.NeedsApproval", early.GetProperty("code").GetString());
        var asked = await Send(responder, HttpMethod.Post, $"/api/v1/responses/{id}/approval-request", new { });
        Assert.Equal("awaiting_approval", (await asked.Json<JsonElement>()).GetProperty("status").GetString());
        await Problem(await Send(responder, HttpMethod.Post, $"/api/v1/responses/{id}/approval", new { }), HttpStatusCode.Forbidden);
        var approved = await Send(reviewer, HttpMethod.Post, $"/api/v1/responses/{id}/approval", new { });
        Assert.Equal("approved", (await approved.Json<JsonElement>()).GetProperty("status").GetString());
        var published = await Send(responder, HttpMethod.Post, $"/api/v1/responses/{id}/publication", new { publishedUrl = "https://x.com/hoi/status/1", publishedAt = DateTimeOffset.UtcNow });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }

    [Fact]
    public async Task A_reviewer_of_another_district_gets_404_for_the_case_responses()
    {
        var member = await Bearer("member@demo.local");
        var caseId = (await (await member.PostAsJsonAsync("/api/v1/reports", new { url = "https://facebook.com/posts/responses-api-scope" }))
            .Json<JsonElement>()).GetProperty("caseId").GetInt64();

        var other = await Bearer("reviewer2@demo.local");
        await Problem(await Send(other, HttpMethod.Post, $"/api/v1/cases/{caseId}/responses", new { kind = "debunk", channel = "web", language = "vi", text = "Không" }),
            HttpStatusCode.NotFound);
        await Problem(await other.GetAsync($"/api/v1/cases/{caseId}/responses"), HttpStatusCode.NotFound);
    }
}

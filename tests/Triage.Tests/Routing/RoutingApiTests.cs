using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Routing;

/// <summary>The queue set-up and routing-rule routes over HTTP, as an API client with a token would use them.</summary>
public sealed class RoutingApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private readonly Dictionary<string, HttpClient> _clients = [];

    private async Task<HttpClient> Bearer(string email)
    {
        if (_clients.TryGetValue(email, out var known)) return known;
        var cookie = await desk.SignedInClient(email);
        var af = await (await cookie.GetAsync("/api/v1/antiforgery")).Json<JsonElement>();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "routing api test" }) };
        request.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        var token = (await (await cookie.SendAsync(request)).Json<JsonElement>()).GetProperty("token").GetString();
        var client = desk.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _clients[email] = client;
    }

    private Task<HttpClient> Coordinator() => Bearer("coordinator@demo.local");

    private async Task<long> UnitId(string code)
    {
        var units = await (await (await Coordinator()).GetAsync("/api/v1/units")).Json<JsonElement>();
        return units.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_coordinator_creates_updates_and_deletes_a_queue()
    {
        var client = await Coordinator();
        var d3 = await UnitId("D3");

        var created = await client.PostAsJsonAsync("/api/v1/queues", new { unitId = d3, name = "Lừa đảo qua mạng", order = "age", strategy = "round_robin", cap = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var queue = await created.Json<JsonElement>();
        var id = queue.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/queues/{id}", created.Headers.Location?.ToString());
        Assert.Equal(("age", "round_robin", 3), (queue.GetProperty("order").GetString(), queue.GetProperty("strategy").GetString(), queue.GetProperty("cap").GetInt32()));

        var updated = await client.PutAsJsonAsync($"/api/v1/queues/{id}", new { name = "Lừa đảo", order = "sla", strategy = "manual" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("sla", (await updated.Json<JsonElement>()).GetProperty("order").GetString());

        var listed = await (await client.GetAsync("/api/v1/queues")).Json<JsonElement>();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), q => q.GetProperty("id").GetInt64() == id && q.GetProperty("name").GetString() == "Lừa đảo");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/queues/{id}")).StatusCode);
        await Problem(await client.DeleteAsync($"/api/v1/queues/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_an_inbox_is_a_conflict_and_a_reviewer_may_not_create_queues()
    {
        var inbox = (await (await (await Coordinator()).GetAsync("/api/v1/queues")).Json<JsonElement>()).GetProperty("items").EnumerateArray()
            .First(q => q.GetProperty("isInbox").GetBoolean()).GetProperty("id").GetInt64();

        await Problem(await (await Coordinator()).DeleteAsync($"/api/v1/queues/{inbox}"), HttpStatusCode.Conflict);
        await Problem(await (await Bearer("reviewer@demo.local")).PostAsJsonAsync("/api/v1/queues", new { unitId = await UnitId("D1"), name = "Lén" }),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_rule_is_created_listed_edited_moved_previewed_and_deleted()
    {
        var client = await Coordinator();
        var d3 = await UnitId("D3");
        var queue = (await (await client.PostAsJsonAsync("/api/v1/queues", new { unitId = d3, name = "An ninh trật tự" })).Json<JsonElement>())
            .GetProperty("id").GetInt64();
        var body = new { unitId = d3, name = "Đấu tranh", keywords = new[] { "dau tranh" }, targetQueueId = queue, priorityBoost = 15, strategy = "least_load" };

        var created = await client.PostAsJsonAsync("/api/v1/routing-rules", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = await created.Json<JsonElement>();
        var id = rule.GetProperty("id").GetInt64();
        Assert.Equal(("least_load", 15, "dau tranh"), (rule.GetProperty("strategy").GetString(), rule.GetProperty("priorityBoost").GetInt32(),
            rule.GetProperty("when").GetProperty("keywords")[0].GetString()));
        var second = (await (await client.PostAsJsonAsync("/api/v1/routing-rules", body with { name = "Thứ hai" })).Json<JsonElement>()).GetProperty("id").GetInt64();

        var edited = await client.PutAsJsonAsync($"/api/v1/routing-rules/{id}", body with { name = "Đấu tranh, biểu tình" });
        Assert.Equal("Đấu tranh, biểu tình", (await edited.Json<JsonElement>()).GetProperty("name").GetString());

        var moved = await (await client.PostAsJsonAsync($"/api/v1/routing-rules/{second}/move", new { position = 1 })).Json<JsonElement>();
        Assert.Equal([second, id], moved.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));

        var listed = await (await client.GetAsync($"/api/v1/routing-rules?unit={d3}")).Json<JsonElement>();
        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());

        var preview = await client.PostAsJsonAsync("/api/v1/routing-rules/preview", new { unitId = d3, platforms = new[] { "zalo" } });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(0, (await preview.Json<JsonElement>()).GetProperty("matches").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/routing-rules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/routing-rules/{second}")).StatusCode);
        Assert.Equal(0, (await (await client.GetAsync($"/api/v1/routing-rules?unit={d3}")).Json<JsonElement>()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Bad_rules_answer_400_with_the_field_and_a_rule_out_of_scope_404()
    {
        var client = await Coordinator();
        var d1 = await UnitId("D1");

        var none = await Problem(await client.PostAsJsonAsync("/api/v1/routing-rules", new { unitId = d1, name = "Trống", targetQueueId = 1 }), HttpStatusCode.BadRequest);
        Assert.True(none.GetProperty("errors").TryGetProperty("conditions", out _));
        var queue = await Problem(await client.PostAsJsonAsync("/api/v1/routing-rules",
            new { unitId = d1, name = "Sai", platforms = new[] { "zalo" }, targetQueueId = 999_999 }), HttpStatusCode.BadRequest);
        Assert.True(queue.GetProperty("errors").TryGetProperty("targetQueueId", out _));
        var boost = await Problem(await client.PostAsJsonAsync("/api/v1/routing-rules",
            new { unitId = d1, name = "Sai", platforms = new[] { "zalo" }, targetQueueId = 1, priorityBoost = 500 }), HttpStatusCode.BadRequest);
        Assert.True(boost.GetProperty("errors").TryGetProperty("priorityBoost", out _));

        await Problem(await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/routing-rules?unit={d1}"), HttpStatusCode.Forbidden);
        await Problem(await client.PostAsJsonAsync("/api/v1/routing-rules/999999/move", new { position = 1 }), HttpStatusCode.NotFound);
    }
}

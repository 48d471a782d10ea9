using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Sla;

/// <summary>SLA policies, a case's due times and the load per unit over /api/v1.</summary>
public sealed class SlaApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private Task<HttpClient> Bearer(string email) => desk.BearerClient(email);

    private static async Task<long> InboxOf(HttpClient client, string unit)
    {
        var queues = await (await client.GetAsync("/api/v1/queues")).Json<JsonElement>();
        return queues.GetProperty("items").EnumerateArray()
            .First(q => q.GetProperty("isInbox").GetBoolean() && q.GetProperty("unit").GetProperty("code").GetString() == unit)
            .GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_coordinator_sets_lists_and_deletes_a_policy_and_a_zero_time_is_a_field_problem()
    {
        var coordinator = await Bearer("coordinator@demo.local");
        var queue = await InboxOf(coordinator, "D1-C1");

        var zero = await coordinator.PutAsJsonAsync($"/api/v1/queues/{queue}/sla", new { triageMinutes = 0, responseMinutes = 60 });
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        var problem = await zero.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["triageMinutes"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Empty((await (await coordinator.GetAsync($"/api/v1/queues/{queue}/sla")).Json<JsonElement>()).GetProperty("items").EnumerateArray());

        var set = await coordinator.PutAsJsonAsync($"/api/v1/queues/{queue}/sla",
            new { severity = 4, triageMinutes = 30, responseMinutes = 120, businessHours = true });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var listed = (await (await coordinator.GetAsync($"/api/v1/queues/{queue}/sla")).Json<JsonElement>()).GetProperty("items")[0];
        Assert.Equal((4, 30, 120, true), (listed.GetProperty("severity").GetInt32(), listed.GetProperty("triageMinutes").GetInt32(),
            listed.GetProperty("responseMinutes").GetInt32(), listed.GetProperty("businessHours").GetBoolean()));

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/v1/queues/{queue}/sla?severity=4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.DeleteAsync($"/api/v1/queues/{queue}/sla?severity=4")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/queues/{queue}/sla")).StatusCode);
    }

    [Fact]
    public async Task The_load_answers_per_child_unit_and_a_case_answers_its_due_times()
    {
        var coordinator = await Bearer("coordinator@demo.local");
        var load = await (await coordinator.GetAsync("/api/v1/units/load")).Json<JsonElement>();
        Assert.Equal("P", load.GetProperty("unit").GetProperty("code").GetString());
        var d1 = load.GetProperty("children").EnumerateArray().First(c => c.GetProperty("unit").GetProperty("code").GetString() == "D1");
        Assert.True(d1.GetProperty("figures").TryGetProperty("breached", out _));

        var down = await coordinator.GetAsync($"/api/v1/units/{d1.GetProperty("unit").GetProperty("id").GetInt64()}/load");
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/api/v1/units/987654/load")).StatusCode);

        var member = await Bearer("member@demo.local");
        var caseId = (await (await member.PostAsJsonAsync("/api/v1/reports", new { url = "https://facebook.com/posts/sla-api" }))
            .Json<JsonElement>()).GetProperty("caseId").GetInt64();
        var sla = await (await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/cases/{caseId}/sla")).Json<JsonElement>();
        Assert.Equal(JsonValueKind.Array, sla.GetProperty("breaches").ValueKind);
    }
}

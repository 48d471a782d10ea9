using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Triage.Server.Data;
using Triage.Tests.Support;

namespace Triage.Tests.Audit;

/// <summary>GET /api/v1/audit and GET /api/v1/audit/verification.</summary>
public sealed class AuditApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    [Fact]
    public async Task The_log_answers_items_and_a_cursor_to_the_next_page_and_narrows_by_action()
    {
        var admin = await desk.SignedInClient("admin@demo.local");

        var first = await (await admin.GetAsync("/api/v1/audit?limit=2")).Json<JsonElement>();
        var items = first.GetProperty("items").EnumerateArray().ToList();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await admin.GetAsync($"/api/v1/audit?limit=2&cursor={Uri.EscapeDataString(cursor!)}")).Json<JsonElement>();
        var seeded = await (await admin.GetAsync("/api/v1/audit?action=DemoSeeded")).Json<JsonElement>();

        Assert.Equal(2, items.Count);
        Assert.True(items[0].GetProperty("id").GetInt64() > items[1].GetProperty("id").GetInt64());
        Assert.True(second.GetProperty("items")[0].GetProperty("id").GetInt64() < items[1].GetProperty("id").GetInt64());
        var demo = Assert.Single(seeded.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, demo.GetProperty("actor").ValueKind);
        Assert.Equal(JsonValueKind.Object, demo.GetProperty("details").ValueKind);
        Assert.Equal(12, demo.GetProperty("hashPrefix").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, seeded.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("from=2026-11-20T00:00:00Z&to=2026-11-10T00:00:00Z", "to")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("from=yesterday", "from")]
    [InlineData("caseId=abc", "caseId")]
    [InlineData("actor=nobody@demo.local", "actor")]
    [InlineData("limit=500", "limit")]
    public async Task A_bad_filter_is_a_problem_naming_the_field(string query, string field)
    {
        var admin = await desk.SignedInClient("admin@demo.local");

        var response = await admin.GetAsync($"/api/v1/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name, ignoreCase: true);
    }

    [Fact]
    public async Task Verification_answers_intact_with_the_events_checked_and_both_routes_refuse_a_coordinator()
    {
        var admin = await desk.SignedInClient("admin@demo.local");
        var coordinator = await desk.SignedInClient("coordinator@demo.local");

        var report = await (await admin.GetAsync("/api/v1/audit/verification")).Json<JsonElement>();

        Assert.True(report.GetProperty("intact").GetBoolean());
        Assert.True(report.GetProperty("checkedEvents").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/v1/audit/verification")).StatusCode);
    }

    [Fact]
    public async Task Verification_of_a_hand_edited_log_names_the_event_its_time_and_action()
    {
        await using var own = new DeskFactory();
        var admin = await own.SignedInClient("admin@demo.local");
        await using (var connection = await own.Services.GetRequiredService<Db>().OpenAsync())
            await connection.ExecuteAsync(TestDatabase.DropTrigger("audit_events_no_update", "audit_events") +
                $"UPDATE audit_events SET data = {TestDatabase.JsonSet("data", "forged", "1")} WHERE action = 'DemoSeeded';");

        var report = await (await admin.GetAsync("/api/v1/audit/verification")).Json<JsonElement>();

        Assert.False(report.GetProperty("intact").GetBoolean());
        Assert.Equal("DemoSeeded", report.GetProperty("firstBrokenAction").GetString());
        Assert.Equal("changed", report.GetProperty("break").GetString());
        var named = report.GetProperty("firstBrokenEventId").GetInt64();
        var seeded = await (await admin.GetAsync("/api/v1/audit?action=DemoSeeded")).Json<JsonElement>();
        Assert.Equal(named, seeded.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(seeded.GetProperty("items")[0].GetProperty("at").GetDateTimeOffset(), report.GetProperty("firstBrokenAt").GetDateTimeOffset());
    }
}

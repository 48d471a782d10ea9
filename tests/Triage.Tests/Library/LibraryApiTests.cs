using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Library;

/// <summary>The library routes over HTTP with bearer tokens.</summary>
public sealed class LibraryApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private Task<HttpClient> Bearer(string email) => desk.BearerClient(email);

    [Fact]
    public async Task A_reviewer_adds_a_message_a_responder_finds_it_folded_and_uses_it_on_a_case()
    {
        var reviewer = await Bearer("reviewer@demo.local");
        var responder = await Bearer("responder@demo.local");
        var member = await Bearer("member@demo.local");

        var created = await reviewer.PostAsJsonAsync("/api/v1/library", new
        {
            title = "Vắc xin cúm không gây vô sinh", text = "Tiêm vắc xin cúm an toàn cho phụ nữ trẻ.", language = "vi", category = "health",
            claim = "Vắc xin cúm gây vô sinh", countermeasures = new[] { "C00042" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json<JsonElement>()).GetProperty("id").GetInt64();

        var bad = await reviewer.PostAsJsonAsync("/api/v1/library", new { title = "x", text = "y", language = "vi", category = "health", countermeasures = new[] { "C99999" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("countermeasures", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await responder.PostAsJsonAsync("/api/v1/library", new { title = "x", text = "y", language = "vi", category = "health" })).StatusCode);

        var page = await (await responder.GetAsync("/api/v1/library?q=tiem%20vac%20xin")).Json<JsonElement>();
        Assert.Equal(id, page.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);

        var caseId = (await (await member.PostAsJsonAsync("/api/v1/reports", new { text = "Tin đồn: tiêm vắc xin cúm gây vô sinh ở phụ nữ trẻ, đừng đi tiêm!" }))
            .Json<JsonElement>()).GetProperty("caseId").GetInt64();
        var used = await (await responder.PostAsJsonAsync($"/api/v1/library/{id}/use", new { caseId })).Json<JsonElement>();
        Assert.Equal(1, used.GetProperty("usageCount").GetInt64());
        Assert.Equal("Tiêm vắc xin cúm an toàn cho phụ nữ trẻ.", used.GetProperty("text").GetString());

        var forCase = await (await responder.GetAsync($"/api/v1/library?caseId={caseId}")).Json<JsonElement>();
        Assert.Equal(1, forCase.GetProperty("items")[0].GetProperty("usesOnSimilarCases").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await (await Bearer("reviewer2@demo.local")).GetAsync($"/api/v1/library?caseId={caseId}")).StatusCode);
    }
}

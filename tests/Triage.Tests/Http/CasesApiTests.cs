using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

public sealed class CasesApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private Task<HttpClient> Bearer(string email) => desk.BearerClient(email);

    private async Task<long> NewCase(string url)
    {
        var member = await Bearer("member@demo.local");
        return (await (await member.PostAsJsonAsync("/api/v1/reports", new { url })).Json<JsonElement>()).GetProperty("caseId").GetInt64();
    }

    private static HttpRequestMessage Classify(long caseId, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/classification")
        {
            Content = JsonContent.Create(new { verdict = "false", category = "health", severity = 3, disarmTechniques = new[] { "T0002" } }),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task Get_answers_the_case_with_its_version_as_etag()
    {
        var caseId = await NewCase("https://tuoitre.vn/cases-api-1.htm");
        var reviewer = await Bearer("reviewer@demo.local");

        var response = await reviewer.GetAsync($"/api/v1/cases/{caseId}");

        var body = await response.Json<JsonElement>();
        Assert.Equal($"\"{body.GetProperty("version").GetInt64()}\"", response.Headers.ETag?.ToString());
        Assert.Equal("new", body.GetProperty("status").GetString());
        Assert.Equal(caseId, body.GetProperty("id").GetInt64());
        Assert.Equal("D1-C1", body.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("assignee").ValueKind);
        Assert.Equal("member@demo.local", body.GetProperty("reports")[0].GetProperty("reporter").GetProperty("email").GetString());
        Assert.True(body.GetProperty("priority").GetProperty("score").GetInt32() > 0);
    }

    [Fact]
    public async Task A_case_outside_scope_answers_404()
    {
        var caseId = await NewCase("https://tuoitre.vn/cases-api-2.htm");

        var response = await (await Bearer("reviewer2@demo.local")).GetAsync($"/api/v1/cases/{caseId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_write_without_if_match_answers_428_problem()
    {
        var caseId = await NewCase("https://tuoitre.vn/cases-api-3.htm");

        var response = await (await Bearer("reviewer@demo.local")).SendAsync(Classify(caseId, null));

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("\"999\"")]
    [InlineData("W/\"1\"")]
    [InlineData("*")]
    public async Task A_write_with_a_stale_or_weak_if_match_answers_412_with_the_current_version(string ifMatch)
    {
        var caseId = await NewCase($"https://tuoitre.vn/cases-api-4-{Uri.EscapeDataString(ifMatch)}.htm");

        var response = await (await Bearer("reviewer@demo.local")).SendAsync(Classify(caseId, ifMatch));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt64());
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var caseId = await NewCase("https://tuoitre.vn/cases-api-5.htm");
        var reviewer = await Bearer("reviewer@demo.local");
        var etag = (await reviewer.GetAsync($"/api/v1/cases/{caseId}")).Headers.ETag!.ToString();

        var response = await reviewer.SendAsync(Classify(caseId, etag));

        var changed = await response.Json<JsonElement>();
        Assert.Equal("triaged", changed.GetProperty("status").GetString());
        var next = await reviewer.GetAsync($"/api/v1/cases/{caseId}");
        Assert.NotEqual(etag, next.Headers.ETag!.ToString());
        Assert.Equal(response.Headers.ETag!.ToString(), next.Headers.ETag!.ToString());
        Assert.Equal("T0002", (await next.Json<JsonElement>()).GetProperty("disarmTechniques")[0].GetString());
    }

    [Fact]
    public async Task An_illegal_transition_answers_409_with_its_code()
    {
        var caseId = await NewCase("https://tuoitre.vn/cases-api-6.htm");
        var reviewer = await Bearer("reviewer@demo.local");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/reopen") { Content = JsonContent.Create(new { reason = "x" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        var response = await reviewer.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Conflict.IllegalTransition", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_member_is_forbidden_to_classify()
    {
        var caseId = await NewCase("https://tuoitre.vn/cases-api-7.htm");

        var response = await (await Bearer("member@demo.local")).SendAsync(Classify(caseId, "\"1\""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("\"12\"", 12L)]
    [InlineData("12", 12L)]
    [InlineData(" \"7\" ", 7L)]
    [InlineData("W/\"12\"", 0L)]
    [InlineData("\"a\"", 0L)]
    [InlineData("\"1\", \"2\"", 0L)]
    [InlineData("", null)]
    public void If_match_names_a_strong_version_or_nothing_that_can_match(string header, long? version) =>
        Assert.Equal(version, CasesApi.ParseIfMatch(header));
}

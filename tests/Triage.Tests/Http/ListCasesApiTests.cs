using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

public sealed class ListCasesApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private Task<HttpClient> Bearer(string email) => desk.BearerClient(email);

    private async Task<long> NewCase(string url)
    {
        var member = await Bearer("member@demo.local");
        return (await (await member.PostAsJsonAsync("/api/v1/reports", new { url })).Json<JsonElement>()).GetProperty("caseId").GetInt64();
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_members_403()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.NewClient().GetAsync("/api/v1/cases")).StatusCode);
        var member = await (await Bearer("member@demo.local")).GetAsync("/api/v1/cases");
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal("application/problem+json", member.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_follow_next_cursor_until_every_case_was_listed_once()
    {
        var created = new List<long>();
        for (var i = 0; i < 3; i++) created.Add(await NewCase($"https://vnexpress.net/queue-api-{i}.html"));
        var reviewer = await Bearer("reviewer@demo.local");

        var seen = new List<long>();
        var url = "/api/v1/cases?limit=2&status=new,triaged&sort=age";
        var pages = 0;
        while (url is not null && pages++ < 20)
        {
            var page = await (await reviewer.GetAsync(url)).Json<JsonElement>();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal("new", i.GetProperty("status").GetString()));
            var next = page.GetProperty("nextCursor");
            url = next.ValueKind == JsonValueKind.Null ? null : $"/api/v1/cases?limit=2&status=new,triaged&sort=age&cursor={Uri.EscapeDataString(next.GetString()!)}";
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), created.ToHashSet());
        Assert.Empty(await Ids(await Bearer("reviewer2@demo.local"), "/api/v1/cases?q=queue"));
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        var caseId = await NewCase("https://www.tiktok.com/@someone/video/7301234567");
        var reviewer = await Bearer("reviewer@demo.local");
        var unit = (await (await reviewer.GetAsync($"/api/v1/cases/{caseId}")).Json<JsonElement>()).GetProperty("unit").GetProperty("id").GetInt64();

        Assert.Contains(caseId, await Ids(reviewer, $"/api/v1/cases?platform=tiktok&unit={unit}&assigned=false&limit=200"));
        Assert.DoesNotContain(caseId, await Ids(reviewer, "/api/v1/cases?platform=zalo&limit=200"));
        Assert.DoesNotContain(caseId, await Ids(reviewer, "/api/v1/cases?assigned=true&limit=200"));
        Assert.DoesNotContain(caseId, await Ids(reviewer, "/api/v1/cases?status=dismissed&limit=200"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await Bearer("reviewer2@demo.local")).GetAsync($"/api/v1/cases?unit={unit}")).StatusCode);
    }

    private static async Task<List<long>> Ids(HttpClient client, string url) =>
        (await (await client.GetAsync(url)).Json<JsonElement>()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    [Theory]
    [InlineData("cursor=bm90LW91cnM", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("status=new,pending", "status")]
    [InlineData("sort=loudest", "sort")]
    [InlineData("assigned=maybe", "assigned")]
    [InlineData("severity=9", "severity")]
    public async Task A_bad_parameter_is_a_validation_problem_naming_it(string query, string field)
    {
        var response = await (await Bearer("reviewer@demo.local")).GetAsync($"/api/v1/cases?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}

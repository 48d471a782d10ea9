using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

public sealed class ApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private async Task<HttpClient> BearerClient(string email)
    {
        var cookie = await desk.SignedInClient(email);
        var token = await CookieWrite(cookie, HttpMethod.Post, "/api/v1/tokens", new { name = "test" });
        var client = desk.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Json<JsonElement>()).GetProperty("token").GetString());
        return client;
    }

    /// <summary>A browser's write: cookie plus the antiforgery header.</summary>
    private static async Task<HttpResponseMessage> CookieWrite(HttpClient client, HttpMethod method, string url, object body)
    {
        var af = await (await client.GetAsync("/api/v1/antiforgery")).Json<JsonElement>();
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Without_credentials_the_api_answers_401()
    {
        var response = await desk.NewClient().GetAsync("/api/v1/taxonomy");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_taxonomy_lists_codes_with_labels_in_both_languages()
    {
        var client = await BearerClient("member@demo.local");

        var taxonomy = await (await client.GetAsync("/api/v1/taxonomy")).Json<JsonElement>();

        var verdict = taxonomy.GetProperty("verdicts").EnumerateArray().First(v => v.GetProperty("code").GetString() == "false");
        Assert.Equal("Sai sự thật", verdict.GetProperty("labels").GetProperty("vi").GetString());
        Assert.Equal("False", verdict.GetProperty("labels").GetProperty("en").GetString());
        Assert.Equal(9, taxonomy.GetProperty("platforms").GetArrayLength());
        Assert.True(taxonomy.GetProperty("categories").GetArrayLength() >= 8);
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        var cookie = await desk.SignedInClient("responder@demo.local");
        var issued = await (await CookieWrite(cookie, HttpMethod.Post, "/api/v1/tokens", new { name = "to revoke" })).Json<JsonElement>();
        var bearer = desk.NewClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);

        var revoke = await bearer.DeleteAsync($"/api/v1/tokens/{issued.GetProperty("id").GetInt64()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_made_up_token_is_refused()
    {
        var client = desk.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "trg_made-up");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_write_without_the_antiforgery_header_is_refused_as_a_problem()
    {
        var cookie = await desk.SignedInClient("reviewer@demo.local");

        var response = await cookie.PostAsJsonAsync("/api/v1/tokens", new { name = "csrf" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_reviewer_of_district_2_gets_404_for_a_district_1_unit()
    {
        var admin = await BearerClient("admin@demo.local");
        var units = await (await admin.GetAsync("/api/v1/units")).Json<JsonElement>();
        var district1 = units.GetProperty("items").EnumerateArray().First(u => u.GetProperty("code").GetString() == "D1").GetProperty("id").GetInt64();
        var reviewer2 = await BearerClient("reviewer2@demo.local");

        var response = await reviewer2.GetAsync($"/api/v1/units/{district1}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/units/{district1}")).StatusCode);
    }

    [Fact]
    public async Task A_role_that_may_never_act_gets_403()
    {
        var member = await BearerClient("member@demo.local");

        var response = await member.PostAsJsonAsync("/api/v1/units", new { parentId = 1, code = "X", name = "X" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_fields_answer_a_validation_problem_with_an_errors_map()
    {
        var admin = await BearerClient("admin@demo.local");

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email = "nope", name = "", roles = Array.Empty<string>(), unitId = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task Enums_travel_as_lower_case_strings()
    {
        var admin = await BearerClient("admin@demo.local");

        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "new.reviewer@demo.local", name = "Đỗ Thị Hạnh", roles = new[] { "reviewer", "responder" }, unitId = 2,
        });
        var users = await (await admin.GetAsync("/api/v1/users?q=new.reviewer")).Json<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roles = users.GetProperty("items")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["reviewer", "responder"], roles);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_cookie_session_and_their_tokens()
    {
        var victimCookie = await desk.SignedInClient("reviewer2@demo.local");
        var victimBearer = await BearerClient("reviewer2@demo.local");
        var admin = await BearerClient("admin@demo.local");
        var users = await (await admin.GetAsync("/api/v1/users?q=reviewer2")).Json<JsonElement>();
        var id = users.GetProperty("items")[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await victimCookie.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await victimBearer.GetAsync("/api/v1/me")).StatusCode);
        var page = await victimCookie.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        await admin.PostAsync($"/api/v1/users/{id}/enable", null);
    }

    [Fact]
    public async Task Ending_a_users_sessions_signs_out_their_browsers_keeps_their_tokens_and_lets_them_sign_in_again()
    {
        var cookie = await desk.SignedInClient("responder@demo.local");
        var bearer = await BearerClient("responder@demo.local");
        var admin = await BearerClient("admin@demo.local");
        var users = await (await admin.GetAsync("/api/v1/users?q=responder@demo.local")).Json<JsonElement>();
        var id = users.GetProperty("items")[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await (await BearerClient("coordinator@demo.local")).DeleteAsync($"/api/v1/users/{id}/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{id}/sessions")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await desk.SignedInClient("responder@demo.local")).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_need_no_sign_in()
    {
        var client = desk.NewClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
        var openApi = await (await client.GetAsync("/openapi/v1.json")).Json<JsonElement>();
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/taxonomy", out _));
    }

    [Fact]
    public async Task The_language_switch_persists_in_the_culture_cookie()
    {
        var client = desk.NewClient();

        var response = await client.GetAsync("/preferences/culture?culture=en-US&returnUrl=/account/login");
        var english = await client.GetStringAsync("/account/login");

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("Sign in", english);
        await client.GetAsync("/preferences/culture?culture=vi-VN&returnUrl=/");
        Assert.Contains("&#x110;&#x103;ng nh&#x1EAD;p", await client.GetStringAsync("/account/login"));
    }
}

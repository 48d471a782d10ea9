using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Triage.Tests.Support;

namespace Triage.Tests.Onboarding;

public sealed partial class OnboardingHttpTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private static MultipartFormDataContent File(string csv)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { content, "file", "users.csv" } };
    }

    /// <summary>Posts a plain page's form as a browser without JavaScript would, antiforgery token and cookies included.</summary>
    private static async Task<HttpResponseMessage> PostForm(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_coordinator_checks_then_imports_a_file_and_an_imported_user_activates_through_the_link_page()
    {
        var api = await desk.BearerClient("coordinator@demo.local");
        const string csv = "email,name,unit\nhttp-lan@example.org,Lan,D1-C1\nhttp-lan@example.org,Lan,D1-C1\n";

        var dry = await (await api.PostAsync("/api/v1/imports/users?dryRun=true", File(csv))).Json<JsonElement>();
        var done = await (await api.PostAsync("/api/v1/imports/users", File(csv))).Json<JsonElement>();

        Assert.Equal(0, dry.GetProperty("created").GetInt32());
        Assert.Equal([true, false], dry.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("ok").GetBoolean()));
        Assert.Equal(3, dry.GetProperty("rows")[1].GetProperty("line").GetInt32());
        Assert.Equal(1, done.GetProperty("created").GetInt32());
        var link = new Uri(done.GetProperty("activations")[0].GetProperty("link").GetString()!);
        Assert.StartsWith("/account/activate/", link.AbsolutePath);

        var browser = desk.NewClient();
        var answer = await PostForm(browser, link.AbsolutePath, "activate", new()
        {
            ["Input.Password"] = "http-password-1", ["Input.ConfirmPassword"] = "http-password-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.AbsolutePath);
        var me = await (await browser.GetAsync("/api/v1/me")).Json<JsonElement>();
        Assert.Equal("http-lan@example.org", me.GetProperty("email").GetString());
        var again = await desk.NewClient().GetStringAsync(link.AbsolutePath);
        Assert.Contains("data-testid=\"link-problem\"", again);
        Assert.DoesNotContain("name=\"Input.Password\"", again);
    }

    [Fact]
    public async Task An_import_without_a_file_or_by_a_member_gets_problem_details()
    {
        var coordinator = await desk.BearerClient("coordinator@demo.local");
        var member = await desk.BearerClient("member@demo.local");

        var missing = await coordinator.PostAsync("/api/v1/imports/users?dryRun=true", new MultipartFormDataContent());
        var forbidden = await member.PostAsync("/api/v1/imports/users?dryRun=true", File("email,name,unit\n"));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_new_person_joins_through_an_invite_page_and_lands_signed_in_and_a_revoked_link_says_so()
    {
        var api = await desk.BearerClient("coordinator@demo.local");
        var units = await (await api.GetAsync("/api/v1/units")).Json<JsonElement>();
        var commune = (units.ValueKind == JsonValueKind.Array ? units : units.GetProperty("items")).EnumerateArray()
            .First(u => u.GetProperty("code").GetString() == "D2-C1").GetProperty("id").GetInt64();

        var created = await api.PostAsJsonAsync("/api/v1/invites", new { unitId = commune, days = 7, maxUses = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invite = await created.Json<JsonElement>();
        var link = new Uri(invite.GetProperty("link").GetString()!);

        var browser = desk.NewClient();
        Assert.Contains("Hội LHPN xã Yên Thế", WebUtility.HtmlDecode(await browser.GetStringAsync(link.AbsolutePath)));
        var answer = await PostForm(browser, link.AbsolutePath, "join", new()
        {
            ["Input.Name"] = "Đỗ Thị Hạnh", ["Input.Email"] = "joiner@example.org", ["Input.Password"] = "join-password-1",
            ["Input.ConfirmPassword"] = "join-password-1", ["Input.Language"] = "en",
        });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal) && c.Contains("en-US", StringComparison.Ordinal));
        var me = await (await browser.GetAsync("/api/v1/me")).Json<JsonElement>();
        Assert.Equal("joiner@example.org", me.GetProperty("email").GetString());

        var listed = await (await api.GetAsync("/api/v1/invites")).Json<JsonElement>();
        Assert.Equal(1, listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == invite.GetProperty("id").GetInt64()).GetProperty("uses").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/invites/{invite.GetProperty("id").GetInt64()}/revoke", null)).StatusCode);
        var revoked = await desk.NewClient().GetStringAsync(link.AbsolutePath);
        Assert.Contains("data-testid=\"link-problem\"", revoked);
        Assert.DoesNotContain("name=\"Input.Email\"", revoked);
    }

    [Fact]
    public async Task A_coordinator_resets_a_members_password_over_the_api_but_not_an_admins()
    {
        var coordinator = await desk.BearerClient("coordinator@demo.local");
        var users = await (await coordinator.GetAsync("/api/v1/users?q=demo.local&limit=200")).Json<JsonElement>();
        long Id(string email) => users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetInt64();

        var member = await (await coordinator.PostAsync($"/api/v1/users/{Id("reviewer2@demo.local")}/password-reset", null)).Json<JsonElement>();
        var admin = await coordinator.PostAsync($"/api/v1/users/{Id("admin@demo.local")}/password-reset", null);

        Assert.Equal(16, member.GetProperty("password").GetString()!.Length);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    [Fact]
    public async Task The_join_form_answers_mismatched_passwords_and_a_registered_email_with_field_messages()
    {
        var api = await desk.BearerClient("coordinator@demo.local");
        var units = await (await api.GetAsync("/api/v1/units")).Json<JsonElement>();
        var unit = units.GetProperty("items")[0].GetProperty("id").GetInt64();
        var link = new Uri((await (await api.PostAsJsonAsync("/api/v1/invites", new { unitId = unit })).Json<JsonElement>()).GetProperty("link").GetString()!);

        var answer = await PostForm(desk.NewClient(), link.AbsolutePath, "join", new()
        {
            ["Input.Name"] = "Someone", ["Input.Email"] = "member@demo.local", ["Input.Password"] = "join-password-1",
            ["Input.ConfirmPassword"] = "join-password-2", ["Input.Language"] = "vi",
        });
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, Regex.Count(html, "class=\"field-error"));
        var taken = await PostForm(desk.NewClient(), link.AbsolutePath, "join", new()
        {
            ["Input.Name"] = "Someone", ["Input.Email"] = "member@demo.local", ["Input.Password"] = "join-password-1",
            ["Input.ConfirmPassword"] = "join-password-1", ["Input.Language"] = "vi",
        });
        Assert.Contains("Email này đã được đăng ký", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

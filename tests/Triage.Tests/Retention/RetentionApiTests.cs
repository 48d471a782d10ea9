using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Retention;

public sealed class RetentionApiTests : IClassFixture<DeskFactory>
{
    private readonly DeskFactory _desk;

    public RetentionApiTests(DeskFactory desk) => _desk = desk;

    private static HttpRequestMessage DeleteMe(object? body) =>
        new(HttpMethod.Delete, "/api/v1/me") { Content = body is null ? null : JsonContent.Create(body) };

    [Fact]
    public async Task Deleting_me_needs_my_password_in_the_body_and_then_my_token_stops_working()
    {
        var client = await _desk.BearerClient("responder@demo.local");

        var missing = await client.SendAsync(DeleteMe(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var wrong = await client.SendAsync(DeleteMe(new { password = "not-it" }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var deleted = await client.SendAsync(DeleteMe(new { password = TestDesk.DemoPassword }));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        var signIn = await _desk.NewClient().PostSignInForm("responder@demo.local", TestDesk.DemoPassword);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_a_deleted_member_lands_on_says_their_account_was_deleted()
    {
        var page = await _desk.NewClient().GetStringAsync("/account/login?deleted=true");

        Assert.Contains("data-testid=\"account-deleted\"", page);
        Assert.DoesNotContain("data-testid=\"account-deleted\"", await _desk.NewClient().GetStringAsync("/account/login"));
    }

    [Fact]
    public async Task An_admin_reads_and_sets_the_period_and_a_member_is_refused()
    {
        var admin = await _desk.BearerClient("admin@demo.local");
        var member = await _desk.BearerClient("member@demo.local");

        var set = await admin.PutAsJsonAsync("/api/v1/retention", new { closedCaseDays = 90 });
        var status = await set.Json<JsonElement>();
        Assert.Equal((90, 365, true), (status.GetProperty("closedCaseDays").GetInt32(), status.GetProperty("configuredDays").GetInt32(), status.GetProperty("overridden").GetBoolean()));
        var read = await (await admin.GetAsync("/api/v1/retention")).Json<JsonElement>();
        Assert.Equal(90, read.GetProperty("closedCaseDays").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/v1/retention", new { closedCaseDays = 4000 })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/retention")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync("/api/v1/retention", new { closedCaseDays = 1 })).StatusCode);
        await admin.PutAsJsonAsync("/api/v1/retention", new { closedCaseDays = (int?)null });
    }
}

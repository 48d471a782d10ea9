using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Webhooks;

/// <summary>The desk as production runs it in this respect: private networks are not webhook targets.</summary>
public sealed class PublicOnlyWebhooksDesk : DeskFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Triage:Webhooks:AllowPrivateNetworks"] = "false" };
}

public sealed class WebhooksApiTests(PublicOnlyWebhooksDesk desk) : IClassFixture<PublicOnlyWebhooksDesk>
{
    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Body(string url = WebhookDesk.PublicUrl, string[]? events = null, string secret = WebhookDesk.Secret) =>
        new { url, events = events ?? ["case.created", "case.closed"], secret };

    [Theory]
    [InlineData("ftp://203.0.113.10/drop")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task A_url_that_is_not_http_or_https_is_a_field_error(string url)
    {
        var admin = await desk.BearerClient("admin@demo.local");

        var problem = await Problem(await admin.PostAsJsonAsync("/api/v1/webhooks", Body(url)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out var messages));
        Assert.Contains("http", messages[0].GetString());
    }

    [Fact]
    public async Task An_unknown_event_and_a_short_secret_are_field_errors()
    {
        var admin = await desk.BearerClient("admin@demo.local");

        var problem = await Problem(await admin.PostAsJsonAsync("/api/v1/webhooks", Body(events: ["case.created", "case.deleted"], secret: "short")),
            HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("events", out _));
        Assert.True(errors.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task A_private_network_target_is_refused_when_not_allowed()
    {
        var admin = await desk.BearerClient("admin@demo.local");

        var problem = await Problem(await admin.PostAsJsonAsync("/api/v1/webhooks", Body("http://192.168.1.20/hook")), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task A_coordinator_may_not_create_webhooks()
    {
        var coordinator = await desk.BearerClient("coordinator@demo.local");

        await Problem(await coordinator.PostAsJsonAsync("/api/v1/webhooks", Body()), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/v1/webhooks")).StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_lists_and_deletes_a_webhook_and_the_secret_is_never_answered()
    {
        var admin = await desk.BearerClient("admin@demo.local");

        var created = await admin.PostAsJsonAsync("/api/v1/webhooks", Body());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/webhooks/{id}", created.Headers.Location?.OriginalString);

        var listed = await admin.GetAsync("/api/v1/webhooks");
        var text = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(WebhookDesk.Secret, text);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        var item = (await listed.Json<JsonElement>()).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id);
        Assert.Equal(WebhookDesk.PublicUrl, item.GetProperty("url").GetString());
        Assert.True(item.GetProperty("enabled").GetBoolean());
        Assert.Equal(["case.created", "case.closed"], item.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        var log = await (await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).Json<JsonElement>();
        Assert.Equal(0, log.GetProperty("items").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        await Problem(await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_admin_page_renders_for_an_admin()
    {
        var admin = await desk.SignedInClient("admin@demo.local");

        var response = await admin.GetAsync("/admin/webhooks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("webhook-add", await response.Content.ReadAsStringAsync());
    }
}

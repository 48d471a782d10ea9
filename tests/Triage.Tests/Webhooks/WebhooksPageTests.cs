using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Webhooks;
using Triage.Tests.Cases;
using Triage.Tests.Components;
using Triage.Tests.Support;

namespace Triage.Tests.Webhooks;

/// <summary>The admin page over the real use cases: a real mediator and pipeline on a temporary desk.</summary>
public sealed class WebhooksPageTests : RealDeskComponentTests
{
    [Fact]
    public async Task An_ftp_address_shows_the_field_message_in_vietnamese_and_creates_nothing()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("vi-VN");
        var cut = ctx.Render<WebhooksPage>();
        cut.WaitForAssertion(() => Assert.Contains("Chưa có webhook nào.", cut.Markup));

        cut.Find("input[type=url]").Change("ftp://203.0.113.10/drop");
        cut.Find("input[type=password]").Change(WebhookDesk.Secret);
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Hãy nhập địa chỉ đầy đủ bắt đầu bằng http:// hoặc https://.", cut.Markup));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM webhooks"));
    }

    [Fact]
    public async Task An_added_webhook_is_listed_as_enabled_without_its_secret()
    {
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<WebhooksPage>();
        cut.WaitForAssertion(() => Assert.Contains("No webhooks yet.", cut.Markup));

        cut.Find("input[type=url]").Change(WebhookDesk.PublicUrl);
        cut.Find("input[type=password]").Change(WebhookDesk.Secret);
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains(WebhookDesk.PublicUrl, cut.Find("[data-testid=webhook-table]").TextContent));
        var table = cut.Find("[data-testid=webhook-table]").TextContent;
        Assert.Contains("Enabled", table);
        Assert.Contains("Case created", table);
        Assert.DoesNotContain(WebhookDesk.Secret, cut.Markup);
        Assert.Equal(1, await Desk.Scalar<long>("SELECT count(*) FROM webhooks"));
    }

    [Fact]
    public async Task A_disabled_webhook_offers_enabling_and_its_delivery_log_shows_the_attempts()
    {
        var webhook = await Desk.Webhook(WebhookEvents.CaseCreated);
        var caseId = await Desk.NewCase();
        await Desk.Execute("""
            UPDATE webhooks SET disabled_at = '2026-11-26T08:00:00.0000000Z', consecutive_failures = 10 WHERE id = @webhook;
            UPDATE webhook_deliveries SET status = 'failed', attempts = 3, last_status_code = 503, last_error = 'HTTP 503 Service Unavailable';
            """, new { webhook });
        await using var ctx = await ContextFor("admin@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<WebhooksPage>();
        cut.WaitForAssertion(() => Assert.Contains("Disabled since", cut.Markup));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Delivery log").Click();
        cut.WaitForAssertion(() => Assert.Contains("HTTP 503 Service Unavailable", cut.Find("[data-testid=webhook-deliveries]").TextContent));
        Assert.Contains($"#{caseId}", cut.Find("[data-testid=webhook-deliveries]").TextContent);
        Assert.Contains("Failed, will retry", cut.Markup);

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Enable").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enabled", cut.Find("[data-testid=webhook-table]").TextContent));
        Assert.True(await Desk.Scalar<bool>("SELECT disabled_at IS NULL FROM webhooks WHERE id = @webhook", new { webhook }));
    }
}

using Triage.Client.Pipeline;
using Triage.Client.Webhooks;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Webhooks;

public sealed class WebhookUseCaseTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task The_audit_trail_records_the_new_webhook_but_not_its_secret()
    {
        var id = await _desk.Webhook(WebhookEvents.CaseCreated);

        var data = await _desk.Scalar<string>(
            "SELECT data FROM audit_events WHERE action = 'CreateWebhook' AND entity_type = 'webhook' AND entity_id = @id", new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains(WebhookDesk.PublicUrl, data);
        Assert.DoesNotContain(WebhookDesk.Secret, data);
    }

    [Fact]
    public async Task The_delivery_log_pages_newest_first()
    {
        var webhook = await _desk.Webhook(WebhookEvents.CaseCreated);
        await _desk.Enqueue(WebhookEvents.CaseCreated, await _desk.NewCase(), 4);

        var first = await _desk.SendAs("admin@demo.local", new ListWebhookDeliveries(webhook, Limit: 3));
        var second = await _desk.SendAs("admin@demo.local", new ListWebhookDeliveries(webhook, first.NextCursor, 3));

        var ids = first.Items.Concat(second.Items).Select(d => d.Id).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Only_an_admin_manages_webhooks()
    {
        var webhook = await _desk.Webhook(WebhookEvents.CaseCreated);

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new ListWebhooks()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new DeleteWebhook(webhook)));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("admin@demo.local", new EnableWebhook(webhook + 100)));
    }
}

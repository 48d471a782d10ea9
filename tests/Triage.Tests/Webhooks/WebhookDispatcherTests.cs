using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Triage.Client.Webhooks;
using Triage.Server.Webhooks;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Webhooks;

public sealed class WebhookDispatcherTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<string> StatusOf(long deliveryId) =>
        _desk.Scalar<string>("SELECT status FROM webhook_deliveries WHERE id = @deliveryId", new { deliveryId });

    [Fact]
    public async Task A_delivery_is_posted_signed_with_the_HMAC_of_its_exact_body_and_marked_delivered_on_2xx()
    {
        var webhook = await _desk.Webhook(WebhookEvents.CaseCreated);
        var caseId = await _desk.NewCase();
        var receiver = new Receiver(HttpStatusCode.NoContent);

        Assert.Equal(1, await _desk.Dispatcher(receiver).PassAsync());

        var received = Assert.Single(receiver.Requests);
        Assert.Equal(new Uri(WebhookDesk.PublicUrl), received.Url);
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookDesk.Secret), received.Body)).ToLowerInvariant();
        Assert.Equal(expected, received.Headers["X-Triage-Signature"]);
        Assert.Equal("case.created", received.Headers["X-Triage-Event"]);
        var deliveryId = await _desk.Scalar<long>("SELECT id FROM webhook_deliveries");
        Assert.Equal(deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture), received.Headers["X-Triage-Delivery"]);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(caseId, body.RootElement.GetProperty("caseId").GetInt64());

        Assert.Equal("delivered", await StatusOf(deliveryId));
        Assert.Equal(204, await _desk.Scalar<long>("SELECT last_status_code FROM webhook_deliveries"));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT consecutive_failures FROM webhooks WHERE id = @webhook", new { webhook }));
    }

    [Fact]
    public async Task A_failing_delivery_is_retried_at_the_back_off_times_not_before_and_abandoned_after_the_last()
    {
        await _desk.Webhook(WebhookEvents.CaseCreated);
        await _desk.NewCase();
        var receiver = new Receiver(HttpStatusCode.InternalServerError);
        var dispatcher = _desk.Dispatcher(receiver);
        var deliveryId = await _desk.Scalar<long>("SELECT id FROM webhook_deliveries");

        Assert.Equal(1, await dispatcher.PassAsync());
        foreach (var wait in WebhookDispatcher.Backoff)
        {
            Assert.Equal("failed", await StatusOf(deliveryId));
            _desk.Clock.Advance(wait - TimeSpan.FromSeconds(1));
            Assert.Equal(0, await dispatcher.PassAsync());
            _desk.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await dispatcher.PassAsync());
        }

        Assert.Equal("abandoned", await StatusOf(deliveryId));
        Assert.Equal(WebhookDispatcher.Backoff.Count + 1, receiver.Requests.Count);
        Assert.Equal((WebhookDispatcher.Backoff.Count + 1, 500L), (await _desk.Scalar<long>("SELECT attempts FROM webhook_deliveries"),
            await _desk.Scalar<long>("SELECT last_status_code FROM webhook_deliveries")));
        _desk.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await dispatcher.PassAsync());
    }

    [Fact]
    public async Task Repeated_failures_disable_the_webhook_and_a_success_after_enabling_resets_the_count()
    {
        var webhook = await _desk.Webhook(WebhookEvents.CaseCreated);
        await _desk.Enqueue(WebhookEvents.CaseCreated, await _desk.NewCase(), WebhookDispatcher.DisableAfter);
        Assert.Equal(WebhookDispatcher.DisableAfter + 1, await _desk.Deliveries());

        var failing = new Receiver(HttpStatusCode.BadGateway);
        Assert.Equal(WebhookDispatcher.DisableAfter, await _desk.Dispatcher(failing).PassAsync());

        Assert.NotNull(await _desk.Scalar<string?>("SELECT disabled_at FROM webhooks WHERE id = @webhook", new { webhook }));
        Assert.Equal(1, await _desk.Deliveries("pending"));
        _desk.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await _desk.Dispatcher(failing).PassAsync());

        await _desk.SendAs("admin@demo.local", new EnableWebhook(webhook));
        var working = new Receiver(HttpStatusCode.OK);
        Assert.Equal(WebhookDispatcher.DisableAfter + 1, await _desk.Dispatcher(working).PassAsync());
        Assert.Equal(WebhookDispatcher.DisableAfter + 1, await _desk.Deliveries("delivered"));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT consecutive_failures FROM webhooks WHERE id = @webhook", new { webhook }));
    }

    [Fact]
    public async Task A_new_dispatcher_after_a_restart_neither_repeats_a_delivered_event_nor_skips_a_due_one()
    {
        await _desk.Webhook(WebhookEvents.CaseCreated);
        await _desk.NewCase();
        await _desk.NewCase(CaseDesk.OtherClaim);
        var receiver = new Receiver(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        Assert.Equal(2, await _desk.Dispatcher(receiver).PassAsync());

        _desk.Clock.Advance(WebhookDispatcher.Backoff[0]);
        Assert.Equal(1, await _desk.Dispatcher(receiver).PassAsync());

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[1].Headers["X-Triage-Delivery"], receiver.Requests[2].Headers["X-Triage-Delivery"]);
        Assert.Equal(2, await _desk.Deliveries("delivered"));
        Assert.Equal(0, await _desk.Dispatcher(receiver).PassAsync());
    }

    [Fact]
    public async Task A_target_that_is_private_at_send_time_is_not_contacted_and_the_failure_is_logged()
    {
        var webhook = await _desk.Webhook(WebhookEvents.CaseCreated);
        // As if the name now pointed inside the network: the check before each send must catch it.
        await _desk.Execute("UPDATE webhooks SET url = 'http://10.0.0.7/hook' WHERE id = @webhook", new { webhook });
        await _desk.NewCase();
        var receiver = new Receiver(HttpStatusCode.OK);

        Assert.Equal(1, await _desk.Dispatcher(receiver).PassAsync());

        Assert.Empty(receiver.Requests);
        Assert.Equal("failed", await _desk.Scalar<string>("SELECT status FROM webhook_deliveries"));
        Assert.Contains("private", await _desk.Scalar<string>("SELECT last_error FROM webhook_deliveries"));

        _desk.Clock.Advance(WebhookDispatcher.Backoff[0]);
        var inside = new Receiver(HttpStatusCode.OK);
        Assert.Equal(1, await _desk.Dispatcher(inside, allowPrivateNetworks: true).PassAsync());
        Assert.Single(inside.Requests);
    }
}

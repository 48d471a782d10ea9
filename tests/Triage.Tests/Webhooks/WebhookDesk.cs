using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Triage.Client.Webhooks;
using Triage.Server.Pipeline;
using Triage.Server.Webhooks;
using Triage.Tests.Support;

namespace Triage.Tests.Webhooks;

public static class WebhookDesk
{
    /// <summary>A public address (TEST-NET-3) as an IP literal, so no test waits on DNS.</summary>
    public const string PublicUrl = "https://203.0.113.10/hooks/triage";
    public const string Secret = "s3cret-for-webhook-tests-0123456789";

    public static async Task<long> Webhook(this TestDesk desk, params string[] events) =>
        (await desk.SendAs("admin@demo.local", new CreateWebhook { Url = PublicUrl, Events = events, Secret = Secret })).Id;

    /// <summary>The desk's dispatcher logic over a receiver the test controls; a new one each call, as after a restart.</summary>
    public static WebhookDispatcher Dispatcher(this TestDesk desk, Receiver receiver, bool allowPrivateNetworks = false) => new(
        desk.Db, desk.Services.GetRequiredService<WriteGate>(), desk.Clock, new ReceiverFactory(receiver),
        Options.Create(new WebhookOptions { AllowPrivateNetworks = allowPrivateNetworks }),
        desk.Services.GetRequiredService<Triage.Server.Hosting.JobLease>(), NullLogger<WebhookDispatcher>.Instance);

    public static Task<long> Deliveries(this TestDesk desk, string? status = null) => desk.Scalar<long>(
        "SELECT count(*) FROM webhook_deliveries WHERE @status IS NULL OR status = @status", new { status });

    /// <summary>More deliveries of one event, written by the outbox as a case command would.</summary>
    public static async Task Enqueue(this TestDesk desk, string @event, long caseId, int times)
    {
        await using var connection = await desk.Db.OpenAsync();
        await using var tx = connection.BeginTransaction();
        for (var i = 0; i < times; i++)
            await WebhookOutbox.EnqueueAsync(new Work(connection, tx, Actor.System, desk.Clock.GetUtcNow()), @event, caseId);
        await tx.CommitAsync();
    }

    private sealed class ReceiverFactory(Receiver receiver) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(receiver, disposeHandler: false);
    }
}

/// <summary>Answers each POST with the next status of its script (the last one repeats) and keeps what it received.</summary>
public sealed class Receiver(params HttpStatusCode[] script) : HttpMessageHandler
{
    public sealed record Received(Uri Url, byte[] Body, IReadOnlyDictionary<string, string> Headers);

    public List<Received> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new Received(request.RequestUri!, body, headers));
        var status = script.Length == 0 ? HttpStatusCode.OK : script[Math.Min(Requests.Count - 1, script.Length - 1)];
        return new HttpResponseMessage(status);
    }
}

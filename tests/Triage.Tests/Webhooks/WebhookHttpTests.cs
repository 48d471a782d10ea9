using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Triage.Client.Webhooks;
using Triage.Server.Pipeline;
using Triage.Server.Webhooks;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Webhooks;

/// <summary>The dispatcher's real HTTP client against a real local receiver.</summary>
public sealed class WebhookHttpTests : IAsyncLifetime
{
    private TestDesk _desk = default!;
    private readonly HttpListener _listener = new();
    private string _url = "";

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(_url);
        _listener.Start();
    }

    public async Task DisposeAsync()
    {
        _listener.Close();
        await _desk.DisposeAsync();
    }

    private async Task<long> LocalWebhook()
    {
        var webhook = await _desk.Webhook(WebhookEvents.CaseCreated);
        await _desk.Execute("UPDATE webhooks SET url = @_url WHERE id = @webhook", new { _url, webhook });
        return webhook;
    }

    [Fact]
    public async Task A_receiver_gets_a_json_post_whose_signature_it_can_verify()
    {
        _desk.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks = true;
        await LocalWebhook();
        await _desk.NewCase();
        var receiving = Task.Run(async () =>
        {
            var context = await _listener.GetContextAsync();
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var received = (Body: buffer.ToArray(), Signature: context.Request.Headers["X-Triage-Signature"],
                ContentType: context.Request.ContentType, Method: context.Request.HttpMethod);
            context.Response.StatusCode = 202;
            context.Response.Close();
            return received;
        });

        Assert.Equal(1, await _desk.Services.GetRequiredService<WebhookDispatcher>().PassAsync());

        var got = await receiving;
        Assert.Equal("POST", got.Method);
        Assert.Equal("application/json; charset=utf-8", got.ContentType);
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookDesk.Secret), got.Body)).ToLowerInvariant();
        Assert.Equal(expected, got.Signature);
        Assert.Equal(1, await _desk.Deliveries("delivered"));
    }

    [Fact]
    public async Task The_client_itself_refuses_to_connect_to_a_private_address_when_they_are_not_allowed()
    {
        await LocalWebhook();
        await _desk.NewCase();
        // The check before the send is told to let it through; the connection must still be refused.
        var dispatcher = new WebhookDispatcher(_desk.Db, _desk.Services.GetRequiredService<WriteGate>(), _desk.Clock,
            _desk.Services.GetRequiredService<IHttpClientFactory>(), Options.Create(new WebhookOptions { AllowPrivateNetworks = true }),
            _desk.Services.GetRequiredService<Triage.Server.Hosting.JobLease>(), NullLogger<WebhookDispatcher>.Instance);
        var contacted = _listener.GetContextAsync();

        Assert.Equal(1, await dispatcher.PassAsync());

        Assert.Equal("failed", await _desk.Scalar<string>("SELECT status FROM webhook_deliveries"));
        Assert.Contains("Refused", await _desk.Scalar<string>("SELECT last_error FROM webhook_deliveries"));
        Assert.False(contacted.IsCompleted);
    }
}

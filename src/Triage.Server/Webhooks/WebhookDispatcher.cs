using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Server.Data;
using Triage.Server.Hosting;
using Triage.Server.Pipeline;

namespace Triage.Server.Webhooks;

/// <summary>
/// Sends the outbox's due deliveries. Each attempt is recorded in its own short transaction after the HTTP call,
/// never around it, so a slow receiver holds no write lock. Everything it needs is in the rows (status and
/// next_attempt_at), so a restart neither repeats a delivered event nor skips a due one; a crash between the
/// send and its record sends that one again, which the receiver recognises by <c>X-Triage-Delivery</c>.
/// </summary>
public sealed class WebhookDispatcher(
    Db db, WriteGate gate, TimeProvider clock, IHttpClientFactory http, IOptions<WebhookOptions> options, JobLease lease,
    ILogger<WebhookDispatcher> log, JobHeartbeats? heartbeats = null) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    public const string SignatureHeader = "X-Triage-Signature";
    public const string EventHeader = "X-Triage-Event";
    public const string DeliveryHeader = "X-Triage-Delivery";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The waits after the first, second, … failed attempt; a failure after the last wait abandons the delivery.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)];

    /// <summary>Failed attempts in a row, across deliveries, after which the webhook is disabled until an admin enables it.</summary>
    public const int DisableAfter = 10;

    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                if (await lease.HoldsAsync(nameof(WebhookDispatcher), stoppingToken)) await PassAsync(stoppingToken);
                heartbeats?.Beat(nameof(WebhookDispatcher), 3 * Interval + Batch * Timeout);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The rows still say what is due; the next tick tries again.
                log.LogError(e, "The webhook dispatcher's pass failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends what is due at the clock's time; answers how many attempts it made.</summary>
    public async Task<int> PassAsync(CancellationToken ct = default)
    {
        var attempts = 0;
        List<Due> due;
        do
        {
            await using (var connection = await db.OpenAsync(ct))
            {
                due = (await connection.QueryAsync<Due>("""
                    SELECT d.id AS Id, d.webhook_id AS WebhookId, d.event AS Event, d.payload AS Payload, w.url AS Url, w.secret AS Secret
                    FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                    WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= @now AND w.disabled_at IS NULL
                    ORDER BY d.next_attempt_at, d.id
                    LIMIT @Batch
                    """, new { now = clock.GetUtcNow(), Batch })).AsList();
            }
            var disabled = new HashSet<long>();
            foreach (var delivery in due)
            {
                // A webhook disabled by an earlier failure of this batch gets no more attempts.
                if (disabled.Contains(delivery.WebhookId)) continue;
                var outcome = await AttemptAsync(delivery, ct);
                if (await RecordAsync(delivery, outcome, ct)) disabled.Add(delivery.WebhookId);
                attempts++;
            }
        }
        while (due.Count == Batch);
        return attempts;
    }

    /// <summary>The signature header's value: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private sealed record Outcome(bool Delivered, int? StatusCode, string? Error);

    private async Task<Outcome> AttemptAsync(Due delivery, CancellationToken ct)
    {
        var url = new Uri(delivery.Url);
        // Checked again at send time: the name may point somewhere else than when the webhook was created.
        if (await SafeProblemAsync(url, ct) is { } problem) return new Outcome(false, null, problem);

        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(delivery.Secret, body));
        request.Headers.Add(EventHeader, delivery.Event);
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? new Outcome(true, code, null) : new Outcome(false, code, $"HTTP {code} {response.ReasonPhrase}".Trim());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(false, null, $"No answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            return new Outcome(false, null, Cut(e.Message));
        }
    }

    private async Task<string?> SafeProblemAsync(Uri url, CancellationToken ct) =>
        await WebhookTargets.ProblemAsync(url, options.Value.AllowPrivateNetworks, ct) switch
        {
            null => null,
            Client.Webhooks.WebhookRules.UrlPrivate => "Refused: the host resolves to a private or local network address.",
            _ => $"The host {url.Host} could not be resolved.",
        };

    /// <summary>Answers whether this failure disabled the webhook.</summary>
    private async Task<bool> RecordAsync(Due delivery, Outcome outcome, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginWriteAsync(ct);
        var now = clock.GetUtcNow();
        var disabled = false;
        if (outcome.Delivered)
        {
            await connection.ExecuteAsync("""
                UPDATE webhook_deliveries
                SET status = 'delivered', attempts = attempts + 1, next_attempt_at = NULL, last_status_code = @StatusCode,
                    last_error = NULL, delivered_at = @now
                WHERE id = @Id;
                UPDATE webhooks SET consecutive_failures = 0 WHERE id = @WebhookId;
                """, new { delivery.Id, delivery.WebhookId, outcome.StatusCode, now }, tx);
        }
        else
        {
            var attempts = await connection.ExecuteScalarAsync<int>(
                "SELECT attempts + 1 FROM webhook_deliveries WHERE id = @Id", new { delivery.Id }, tx);
            var next = attempts <= Backoff.Count ? now + Backoff[attempts - 1] : (DateTimeOffset?)null;
            await connection.ExecuteAsync("""
                UPDATE webhook_deliveries
                SET status = @status, attempts = @attempts, next_attempt_at = @next, last_status_code = @StatusCode, last_error = @Error
                WHERE id = @Id
                """, new { delivery.Id, status = next is null ? "abandoned" : "failed", attempts, next, outcome.StatusCode, outcome.Error }, tx);
            disabled = await connection.ExecuteScalarAsync<bool>("""
                UPDATE webhooks
                SET consecutive_failures = consecutive_failures + 1,
                    disabled_at = CASE WHEN consecutive_failures + 1 >= @DisableAfter THEN coalesce(disabled_at, @now) ELSE disabled_at END
                WHERE id = @WebhookId
                RETURNING disabled_at IS NOT NULL
                """, new { delivery.WebhookId, DisableAfter, now }, tx);
            if (disabled) log.LogWarning("Webhook {WebhookId} is disabled after {Failures} failed deliveries in a row.", delivery.WebhookId, DisableAfter);
        }
        await tx.CommitAsync(ct);
        return disabled;
    }

    private static string Cut(string text) => text.Length <= 500 ? text : text[..500];

    private sealed class Due
    {
        public long Id { get; init; }
        public long WebhookId { get; init; }
        public string Event { get; init; } = "";
        public string Payload { get; init; } = "";
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
    }
}

public static class WebhookRegistration
{
    /// <summary>
    /// The dispatcher's client follows no redirects and checks every address it connects to, so neither a redirect
    /// nor a DNS answer changed between the check and the connection can lead it into a private network.
    /// </summary>
    public static IServiceCollection AddDeskWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.Timeout = WebhookDispatcher.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    ConnectCallback = (context, ct) => ConnectAsync(context, options.Value.AllowPrivateNetworks, ct),
                };
            });
        return services;
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => allowPrivate || WebhookTargets.IsPublic(a)).ToList();
        if (allowed.Count == 0) throw new HttpRequestException($"Refused: {host} resolves to no public address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

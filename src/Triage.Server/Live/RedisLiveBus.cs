using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Triage.Client.Live;

namespace Triage.Server.Live;

/// <summary>
/// The bus when several servers serve one desk: every event is delivered on this server at once, as
/// <see cref="InProcessLiveBus"/> does, and also published on a Redis channel, from which each server hands
/// the other servers' events to its own subscribers. Redis is a best-effort extra: while it is down, pages
/// on this server still hear this server's events and a command never waits for Redis or fails because of it.
/// </summary>
/// <remarks>
/// It connects when first resolved, in the background, rather than as a hosted service: the pipeline publishes
/// from admin verbs and test hosts too, which run no hosted services, and nothing on a server needs another
/// server's events before the first page (or command) has asked for the bus. StackExchange.Redis reconnects and
/// re-subscribes by itself once the first subscription stands; the container disposes the bus at shutdown.
/// </remarks>
public sealed partial class RedisLiveBus : ILiveBus, IDisposable
{
    /// <summary>How long to wait before trying the first subscription again when Redis was not there for it.</summary>
    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(2);

    private readonly InProcessLiveBus _local;
    private readonly ILogger _logger;
    private readonly RedisChannel _channel;
    private readonly string _endpoints;
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _publishFailing;
    private int _disposed;

    public RedisLiveBus(InProcessLiveBus local, IOptions<RedisOptions> options, ILogger<RedisLiveBus> logger)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(options);
        _local = local;
        _logger = logger;
        var settings = options.Value;
        if (!settings.Enabled) throw new InvalidOperationException($"{RedisOptions.Section}:ConnectionString is not set.");
        var configuration = ConfigurationOptions.Parse(settings.ConnectionString!);
        // Otherwise a Redis that is down at start would throw from the first page that asks for the bus.
        configuration.AbortOnConnectFail = false;
        // CLIENT LIST then tells which server holds which connection.
        configuration.ClientName ??= "triage-" + Origin;
        _endpoints = string.Join(",", configuration.EndPoints.Select(e => e.ToString()));
        _channel = RedisChannel.Literal(settings.Channel);
        _connecting = ConnectAsync(configuration);
        _ = SubscribeAsync();
    }

    /// <summary>This server among those sharing the channel; its own messages come back from Redis and are skipped.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Completes once other servers' events reach this one (tests wait for it before publishing).</summary>
    internal Task Subscribed => _subscribed.Task;

    private bool Disposed => Volatile.Read(ref _disposed) == 1;

    public void Publish(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        _local.Publish(liveEvent);
        if (Disposed) return;
        _ = SendAsync(LiveMessage.Write(Origin, liveEvent));
    }

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent =>
        _local.Subscribe(handler);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        // Not awaited: a connect still under way (Redis down) may take its whole timeout, and shutdown need not wait for it.
        _ = _connecting.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) t.Result.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration)
    {
        // Off the caller's thread: ConnectAsync does part of its work synchronously before its first await.
        await Task.Yield();
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        connection.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription && !Disposed) LogConnectionLost(_logger, e.Exception, _endpoints, e.FailureType.ToString());
        };
        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription) LogConnectionRestored(_logger, _endpoints);
        };
        if (!connection.IsConnected) LogNotConnectedAtStart(_logger, _endpoints);
        return connection;
    }

    private async Task SubscribeAsync()
    {
        ConnectionMultiplexer connection;
        try
        {
            connection = await _connecting;
        }
        catch (Exception e)
        {
            LogConnectFailed(_logger, e, _endpoints);
            return;
        }
        var subscriber = connection.GetSubscriber();
        var attempt = 0;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                // A queue, not a handler: a handler is called concurrently, a queue hands messages over in Redis's order.
                var queue = await subscriber.SubscribeAsync(_channel);
                queue.OnMessage(m => Receive((string?)m.Message ?? ""));
                _subscribed.TrySetResult();
                LogSubscribed(_logger, _channel.ToString(), _endpoints);
                return;
            }
            catch (Exception e)
            {
                if (_stopping.IsCancellationRequested) return;
                if (attempt++ == 0) LogSubscribeFailed(_logger, e, _channel.ToString(), _endpoints);
                // The failed attempt left its queue registered with nobody reading it; this wipes it before the next try.
                try
                {
                    await subscriber.UnsubscribeAsync(_channel);
                }
                catch (Exception)
                {
                    // The local registration is gone before the server is asked, and the server was not there to ask.
                }
                try { await Task.Delay(SubscribeRetry, _stopping.Token); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>What a message on the channel does here: another server's event reaches this server's subscribers.</summary>
    internal void Receive(string payload)
    {
        if (!LiveMessage.TryRead(payload, out var origin, out var liveEvent, out var error))
        {
            LogMalformed(_logger, _channel.ToString(), payload.Length, error);
            return;
        }
        // Redis sends every message to every subscriber, the publisher included, which delivered it already.
        if (origin != Origin) _local.Publish(liveEvent);
    }

    private async Task SendAsync(string payload)
    {
        try
        {
            var connection = await _connecting;
            await connection.GetSubscriber().PublishAsync(_channel, payload);
            if (Interlocked.Exchange(ref _publishFailing, 0) == 1) LogPublishRecovered(_logger, _endpoints);
        }
        catch (Exception e)
        {
            // Events still on their way at shutdown fail with the connection; nobody is missing them.
            if (Disposed) return;
            // One line per outage, not per event: while Redis is down every commit would log otherwise.
            if (Interlocked.Exchange(ref _publishFailing, 1) == 0) LogPublishFailed(_logger, e, _endpoints);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Endpoints} did not answer at start; live updates stay on this server until it does.")]
    private static partial void LogNotConnectedAtStart(ILogger logger, string endpoints);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not set up the Redis connection to {Endpoints}; live updates stay on this server.")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string endpoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live updates from other servers arrive over Redis channel {Channel} at {Endpoints}.")]
    private static partial void LogSubscribed(ILogger logger, string channel, string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to Redis channel {Channel} at {Endpoints}; trying again until it answers.")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, string channel, string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the Redis subscription at {Endpoints} ({FailureType}); other servers' live updates are missed until it is back.")]
    private static partial void LogConnectionLost(ILogger logger, Exception? exception, string endpoints, string failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Redis subscription at {Endpoints} is back.")]
    private static partial void LogConnectionRestored(ILogger logger, string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a live update to Redis at {Endpoints}; other servers miss updates until it answers.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string endpoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live updates reach Redis at {Endpoints} again.")]
    private static partial void LogPublishRecovered(ILogger logger, string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on Redis channel {Channel} that is not a live update ({Length} characters): {Error}")]
    private static partial void LogMalformed(ILogger logger, string channel, int length, string error);
}

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Personalize.Caching;

/// <summary>
/// Tells every instance which customers changed, over a Redis pub/sub channel (<c>{KeyPrefix}customer-changes</c>):
/// each local <see cref="CustomerNearCache.Invalidate"/> is published, each message from another process evicts the
/// same customers here. Pub/sub does not replay what a disconnected subscriber missed, so while the subscription is
/// down the near cache serves nothing, and it starts empty when the subscription comes back. Message: the sender's
/// instance id, a space, then comma-separated customer ids or <c>*</c> for all.
/// </summary>
public sealed class CustomerChangeFeed
{
    private readonly CustomerNearCache _cache;
    private readonly RedisCacheConnection _redis;
    private readonly ILogger _logger;
    private readonly RedisChannel _channel;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<string> _unsent = new();
    private ConnectionMultiplexer? _multiplexer;

    public CustomerChangeFeed(CustomerNearCache cache, RedisCacheConnection redis, ILogger<CustomerChangeFeed> logger)
    {
        (_cache, _redis, _logger) = (cache, redis, logger);
        _channel = RedisChannel.Literal(redis.Options.KeyPrefix + "customer-changes");
        cache.Invalidated += Publish;
    }

    /// <summary>Messages Redis refused, kept to be sent again when the connection is restored.</summary>
    public int Unsent => _unsent.Count;

    /// <summary>
    /// Subscribes (a serving instance does, at start); until it has, the near cache serves nothing. The start waits at
    /// most the connect timeout; if Redis has not answered by then, the subscription is made when it does.
    /// </summary>
    public async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        _cache.FeedDown(true);
        try
        {
            await ConnectAndSubscribeAsync()
                .WaitAsync(TimeSpan.FromMilliseconds(_redis.Options.ConnectTimeoutMs), cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning(
                "Customer change feed not subscribed yet, near cache off until Redis answers: {Reason}",
                e.Message
            );
        }
    }

    private async Task ConnectAndSubscribeAsync()
    {
        // The connection never gives up (AbortOnConnectFail is off): it comes back not connected, and connects later.
        var multiplexer = await _redis.MultiplexerAsync();
        multiplexer.ConnectionFailed += (_, e) => _cache.FeedDown(true);
        multiplexer.ConnectionRestored += (_, e) => _ = ResubscribeAsync(multiplexer);
        _multiplexer = multiplexer;
        await ResubscribeAsync(multiplexer);
    }

    private async Task ResubscribeAsync(ConnectionMultiplexer multiplexer)
    {
        try
        {
            // Subscribing again after a reconnect is harmless (one handler per channel is kept) and sure to be in
            // place.
            await multiplexer.GetSubscriber().UnsubscribeAsync(_channel);
            await multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, message) => Receive(message));
            _cache.FeedDown(!multiplexer.IsConnected);
            SendUnsent();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _cache.FeedDown(true);
            _logger.LogWarning(
                "Customer change feed not subscribed, near cache off until Redis answers: {Reason}",
                e.Message
            );
        }
    }

    private void Receive(RedisValue message)
    {
        var text = (string?)message ?? "";
        var space = text.IndexOf(' ');
        if (space < 0 || text.AsSpan(0, space).SequenceEqual(_instance))
            return;
        var body = text[(space + 1)..];
        if (body == "*")
        {
            _cache.ForgetAll();
            return;
        }
        var ids = new List<long>();
        foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries))
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                ids.Add(id);
        _cache.Forget(ids);
    }

    private void Publish(long[]? customerIds)
    {
        var sending = SendAsync(_instance + " " + (customerIds is null ? "*" : string.Join(',', customerIds)));
        // A bulk job (often a process of its own, about to exit) waits until Redis has its message; a single write does
        // not.
        if (customerIds is null)
            sending.Wait(TimeSpan.FromMilliseconds(_redis.Options.WriteTimeoutMs));
    }

    /// <summary>A message Redis refuses (disconnected) is kept and sent again when the connection is
    /// restored.</summary>
    private async Task SendAsync(string message)
    {
        try
        {
            var multiplexer = _multiplexer
                ?? await _redis
                    .MultiplexerAsync()
                    .WaitAsync(TimeSpan.FromMilliseconds(_redis.Options.ConnectTimeoutMs));
            await multiplexer.GetSubscriber().PublishAsync(_channel, message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _unsent.Enqueue(message);
            _logger.LogWarning(
                "Could not tell other instances that customers changed; the message is sent again when "
                    + "Redis is back: {Reason}",
                e.Message
            );
        }
    }

    private void SendUnsent()
    {
        while (_unsent.TryDequeue(out var message))
            _ = SendAsync(message);
    }
}

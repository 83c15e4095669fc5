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
    // How long a failed recovery waits before it tries again: the multiplexer's own reconnect delay.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly CustomerNearCache _cache;
    private readonly RedisCacheConnection _redis;
    private readonly ILogger _logger;
    private readonly RedisChannel _channel;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<string> _unsent = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstSubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionMultiplexer? _multiplexer;
    private bool _subscribed;
    private long _failures;
    private int _recovering;

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
        Recover();
        try
        {
            await _firstSubscribed.Task.WaitAsync(
                TimeSpan.FromMilliseconds(_redis.Options.ConnectTimeoutMs),
                cancellationToken
            );
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Customer change feed not subscribed yet, near cache off until Redis answers.");
        }
    }

    /// <summary>
    /// Subscribes again and sends what Redis refused, in one run at a time that tries again every
    /// <see cref="RetryDelay"/> until both are done: the multiplexer tells of each of its connections coming back
    /// once, in any order, and a try can still time out on a busy machine.
    /// </summary>
    private void Recover()
    {
        if (Interlocked.Exchange(ref _recovering, 1) == 0)
            _ = RecoverAsync();
    }

    private async Task RecoverAsync()
    {
        var tries = 0;
        while (!_redis.IsDisposed)
        {
            if (await TryRecoverAsync(++tries))
            {
                Volatile.Write(ref _recovering, 0);
                // A failure or a refused message that came as this run ended started no run of its own.
                if (!NeedsRecovery || Interlocked.Exchange(ref _recovering, 1) == 1)
                    return;
                tries = 0;
            }
            else
                await Task.Delay(RetryDelay);
        }
    }

    private bool NeedsRecovery
    {
        get
        {
            lock (_gate)
                return !_subscribed || !_unsent.IsEmpty;
        }
    }

    private async Task<bool> TryRecoverAsync(int tries)
    {
        try
        {
            var multiplexer = await MultiplexerAsync();
            long failures;
            bool subscribed;
            lock (_gate)
                (failures, subscribed) = (_failures, _subscribed);
            if (!subscribed)
            {
                // Subscribing again after a reconnect is harmless (one handler per channel is kept) and sure to be in
                // place.
                await multiplexer.GetSubscriber().UnsubscribeAsync(_channel);
                await multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, message) => Receive(message));
                lock (_gate)
                {
                    if (_failures != failures || !multiplexer.IsConnected)
                        return false;
                    _subscribed = true;
                    _cache.FeedDown(false);
                }
                _firstSubscribed.TrySetResult();
            }
            // Only this run takes messages off the queue, so the one it looked at is the one it sent.
            while (_unsent.TryPeek(out var message))
            {
                await multiplexer.GetSubscriber().PublishAsync(_channel, message);
                _unsent.TryDequeue(out _);
            }
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            if (tries == 1)
                _logger.LogWarning(
                    "Customer change feed cut off, near cache off and changes kept until Redis answers: {Reason}",
                    e.Message
                );
            return false;
        }
    }

    private async Task<ConnectionMultiplexer> MultiplexerAsync()
    {
        if (Volatile.Read(ref _multiplexer) is { } known)
            return known;
        // The connection never gives up (AbortOnConnectFail is off): it comes back not connected, and connects later.
        var multiplexer = await _redis
            .MultiplexerAsync()
            .WaitAsync(TimeSpan.FromMilliseconds(_redis.Options.ConnectTimeoutMs));
        lock (_gate)
        {
            if (_multiplexer is not null)
                return _multiplexer;
            multiplexer.ConnectionFailed += (_, _) => Failed();
            multiplexer.ConnectionRestored += (_, _) => Recover();
            return _multiplexer = multiplexer;
        }
    }

    private void Failed()
    {
        lock (_gate)
        {
            _failures++;
            _subscribed = false;
            _cache.FeedDown(true);
        }
        Recover();
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

    /// <summary>A message Redis refuses (disconnected) is kept and sent again once it answers.</summary>
    private async Task SendAsync(string message)
    {
        try
        {
            var multiplexer = await MultiplexerAsync();
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
            Recover();
        }
    }
}

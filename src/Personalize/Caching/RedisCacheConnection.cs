using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Personalize.Caching;

/// <summary>
/// The one Redis connection of the process, shared by every customer cache and the change feed. Every
/// read is bounded by <see cref="CacheOptions.OperationTimeout"/>, every write batch by
/// <see cref="CacheOptions.WriteTimeout"/>; a failure throws
/// <see cref="CacheUnavailableException"/> and makes the next calls skip Redis for
/// <see cref="CacheOptions.CircuitBreak"/>, while the multiplexer reconnects in the background.
/// </summary>
public sealed class RedisCacheConnection : IAsyncDisposable, IDisposable
{
    private readonly CacheOptions _options;
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Lock _connectGate = new();
    private Task<ConnectionMultiplexer>? _connecting;
    private long _skipRedisUntil;
    private int _disposed;

    public RedisCacheConnection(CacheOptions options, ILogger? logger = null, TimeProvider? clock = null)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new ArgumentException(
                $"ConnectionStrings:{CacheOptions.ConnectionStringName} is required for the Redis cache.",
                nameof(options)
            );
        if (options.WriteBatchSize < 1)
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"{CacheOptions.Section}:WriteBatchSize must be at least 1."
            );
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _clock = clock ?? TimeProvider.System;
        _configuration = ConfigurationFor(options);
    }

    public CacheOptions Options => _options;

    /// <summary>Whether the connection was closed for good (the process or its host is stopping).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    /// <summary>Sends every batch without waiting for the previous reply (pipelining), then awaits them all.</summary>
    public Task RunBatchesAsync<TItem, TResult>(
        TItem[][] batches,
        Func<IDatabase, TItem[], Task<TResult>> send,
        CancellationToken cancellationToken
    ) =>
        RunAsync(
            database => Task.WhenAll(batches.Select(batch => send(database, batch))),
            _options.WriteTimeout * batches.Length,
            cancellationToken
        );

    public Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken) =>
        RunAsync(operation, _options.OperationTimeout, cancellationToken);

    private async Task<T> RunAsync<T>(
        Func<IDatabase, Task<T>> operation,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        if (_clock.GetUtcNow().UtcTicks < Volatile.Read(ref _skipRedisUntil))
            throw new CacheUnavailableException("Redis cache skipped: it failed less than a moment ago.");

        try
        {
            return await ExecuteAsync(operation, timeout, cancellationToken);
        }
        catch (Exception e)
            when (e is RedisException or TimeoutException or CacheUnavailableException or ObjectDisposedException)
        {
            SkipRedisForAWhile(e);
            throw e as CacheUnavailableException
                ?? new CacheUnavailableException($"Redis cache unavailable: {e.Message}", e);
        }
    }

    // The first call also waits for the initial connection (bounded by ConnectTimeout): the handshake alone
    // can take longer than a read is allowed, and failing it would open the circuit for nothing.
    private async Task<T> ExecuteAsync<T>(
        Func<IDatabase, Task<T>> operation,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        var connecting = ConnectionAsync();
        var connection = connecting.IsCompletedSuccessfully
            ? connecting.Result
            : await connecting.WaitAsync(TimeSpan.FromMilliseconds(_options.ConnectTimeoutMs), cancellationToken);
        if (!connection.IsConnected)
            throw new CacheUnavailableException("Redis cache unavailable: not connected.");
        var command = operation(connection.GetDatabase());
        try
        {
            return await command.WaitAsync(timeout, cancellationToken);
        }
        catch
        {
            ObserveLater(command);
            throw;
        }
    }

    /// <summary>The shared multiplexer, connecting it if need be (for pub/sub, which has no timeout of its own to
    /// bound).</summary>
    public Task<ConnectionMultiplexer> MultiplexerAsync() => ConnectionAsync();

    private Task<ConnectionMultiplexer> ConnectionAsync()
    {
        var connecting = Volatile.Read(ref _connecting);
        if (connecting is { IsFaulted: false, IsCanceled: false })
            return connecting;
        lock (_connectGate)
        {
            if (_connecting is null or { IsFaulted: true } or { IsCanceled: true })
                _connecting = ConnectionMultiplexer.ConnectAsync(_configuration);
            return _connecting;
        }
    }

    private void SkipRedisForAWhile(Exception failure)
    {
        Volatile.Write(ref _skipRedisUntil, (_clock.GetUtcNow() + _options.CircuitBreak).UtcTicks);
        _logger.LogWarning(
            "Redis cache unavailable, skipping it for {CircuitBreakMs} ms: {Reason}",
            _options.CircuitBreakMs,
            failure.Message
        );
    }

    // A call abandoned by its timeout may still fail later; observe it so it is not reported as unobserved.
    private static void ObserveLater(Task task) =>
        task.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default
        );

    private static ConfigurationOptions ConfigurationFor(CacheOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.ConnectionString!);
        // Start even when Redis is down and reconnect by ourselves when it comes back.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = options.ConnectTimeoutMs;
        // The client's own timeout is only a backstop: every call is bounded by its own timeout (reads by
        // OperationTimeout, writes by WriteTimeout), so it must not cut a large write short.
        configuration.SyncTimeout = configuration.AsyncTimeout = Math.Max(
            options.OperationTimeoutMs,
            options.WriteTimeoutMs
        );
        // While disconnected, fail at once instead of queueing commands until the timeout.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        // A fixed short delay rather than the exponential default, so a restarted Redis is used again within a second.
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        return configuration;
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, 1);
        var connecting = Volatile.Read(ref _connecting);
        if (connecting is null)
            return;
        try
        {
            await (await connecting).DisposeAsync();
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException) { }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

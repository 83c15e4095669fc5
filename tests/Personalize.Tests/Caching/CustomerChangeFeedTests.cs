using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalize.Caching;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Caching;

/// <summary>The change feed between two instances' near caches over a real Redis, one of them behind a proxy it can be
/// cut off by.</summary>
public sealed class CustomerChangeFeedTests : IAsyncLifetime
{
    private static readonly CustomerFact<int> Fact = new("a test number");

    private readonly RedisServer _redis = new();
    private readonly List<RedisCacheConnection> _connections = [];
    private readonly Dictionary<CustomerNearCache, CustomerChangeFeed> _feeds = [];

    private int _loads;

    public Task InitializeAsync() => _redis.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task An_eviction_Redis_refused_reaches_the_other_instances_once_the_connection_is_back()
    {
        using var proxy = new TcpProxy(_redis.Port);
        // A publish that cannot be sent fails after the write timeout, instead of waiting in the client's backlog for 5
        // s.
        var cut = await InstanceAsync(proxy.Address, writeTimeoutMs: 300);
        var other = await InstanceAsync(_redis.ConnectionString);
        await other.GetManyAsync([7L], Fact, 0, Load, default);

        proxy.Cut();
        await Eventually.ReadAsync(() => Task.FromResult(cut.IsServing), serving => !serving);
        cut.Invalidate([7L]);
        // The publish has failed (past its write timeout) and is kept, not merely waiting.
        await Eventually.ReadAsync(() => Task.FromResult(_feeds[cut].Unsent), unsent => unsent == 1);
        await other.GetManyAsync([7L], Fact, 0, Load, default);
        Assert.Equal(1, _loads); // the other instance never heard of it

        proxy.Restore();
        await Eventually.ReadAsync(
            async () =>
            {
                await other.GetManyAsync([7L], Fact, 0, Load, default);
                return _loads;
            },
            count => count == 2
        );
        Assert.True(other.IsServing);
        await Eventually.ReadAsync(() => Task.FromResult(cut.IsServing), serving => serving);
    }

    [Fact]
    public async Task An_instance_started_while_Redis_was_out_of_reach_subscribes_and_sends_once_it_answers()
    {
        using var proxy = new TcpProxy(_redis.Port);
        proxy.Cut();
        var late = await InstanceAsync(proxy.Address, writeTimeoutMs: 300, serving: false);
        var other = await InstanceAsync(_redis.ConnectionString);
        Assert.False(late.IsServing);
        late.Invalidate([7L]);
        await Eventually.ReadAsync(() => Task.FromResult(_feeds[late].Unsent), unsent => unsent == 1);
        await other.GetManyAsync([7L], Fact, 0, Load, default);

        proxy.Restore();
        await Eventually.ReadAsync(() => Task.FromResult(late.IsServing), serving => serving);
        await Eventually.ReadAsync(() => Task.FromResult(_feeds[late].Unsent), unsent => unsent == 0);
        // Heard from the other side too: the other instance's change evicts what the late one holds.
        await late.GetManyAsync([8L], Fact, 0, Load, default);
        other.Invalidate([8L]);
        await Eventually.ReadAsync(
            async () =>
            {
                await late.GetManyAsync([8L], Fact, 0, Load, default);
                return _loads;
            },
            count => count == 3
        );
    }

    /// <summary>A load of the test fact, counted.</summary>
    private Task<IReadOnlyDictionary<long, int>> Load(List<long> ids, CancellationToken _)
    {
        _loads++;
        return Task.FromResult<IReadOnlyDictionary<long, int>>(ids.ToDictionary(id => id, _ => 1));
    }

    private async Task<CustomerNearCache> InstanceAsync(string redis, int writeTimeoutMs = 5_000, bool serving = true)
    {
        var cache = new CustomerNearCache(Options.Create(new NearCacheOptions()));
        var connection = new RedisCacheConnection(
            new CacheOptions { ConnectionString = redis, WriteTimeoutMs = writeTimeoutMs }
        );
        _connections.Add(connection);
        var feed = new CustomerChangeFeed(cache, connection, NullLogger<CustomerChangeFeed>.Instance);
        _feeds[cache] = feed;
        await feed.SubscribeAsync(default);
        if (serving)
            await Eventually.ReadAsync(() => Task.FromResult(cache.IsServing), up => up);
        return cache;
    }
}

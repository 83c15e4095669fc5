using Personalize.Caching;
using Personalize.Scores;
using Personalize.Tests.Infrastructure;
using Personalize.Tests.Scores;

namespace Personalize.Tests.Caching;

/// <summary>Each test owns its server, since it kills it.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly RedisServer _server = new();

    // The circuit breaker's clock: it moves only when the test says, so "while the circuit is open" is exact.
    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch);
    private readonly CacheOptions _options = new();
    private RedisCacheConnection _connection = null!;
    private RedisCustomerCache<CustomerScore> _cache = null!;

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _options.ConnectionString = _server.ConnectionString;
        _connection = new RedisCacheConnection(_options, clock: _clock);
        _cache = new RedisCustomerCache<CustomerScore>(_connection, CustomerScoreCodec.Format);
    }

    [Fact]
    public async Task A_stopped_server_fails_and_opens_the_circuit_and_the_same_cache_works_again_once_it_is_back()
    {
        var score = ScoreSamples.For(1);
        // Other test classes load the two cores hard, so even a healthy call may exceed the 250 ms read timeout.
        await WhenClosedAsync(async () =>
        {
            await _cache.SetManyAsync([score], default);
            Assert.Single(await _cache.GetManyAsync([1], default));
        });

        await _server.StopAsync();

        // The first read after the kill reaches for Redis and fails (bounded by the read timeout, not by the client's).
        var first = await Assert.ThrowsAsync<CacheUnavailableException>(() => _cache.GetManyAsync([1], default));
        Assert.DoesNotContain("skipped", first.Message);
        // While the circuit is open a dead Redis costs nothing: the calls fail without a round trip.
        for (var i = 0; i < 100; i++)
        {
            var skipped = await Assert.ThrowsAsync<CacheUnavailableException>(() => _cache.GetManyAsync([1], default));
            Assert.Contains("skipped", skipped.Message);
        }

        await _server.StartAsync();

        // The restarted server is empty (no persistence): working again means a write then a read succeed.
        await WhenClosedAsync(async () =>
        {
            await _cache.SetManyAsync([score], default);
            Assert.Equal(score, (await _cache.GetManyAsync([1], default))[1]);
        });
    }

    [Fact]
    public async Task A_cache_created_while_the_server_is_down_starts_and_fails_then_connects_when_it_is_up()
    {
        await _server.StopAsync();
        await using var connection = new RedisCacheConnection(_options, clock: _clock);
        var cache = new RedisCustomerCache<CustomerScore>(connection, CustomerScoreCodec.Format);

        await Assert.ThrowsAsync<CacheUnavailableException>(() => cache.GetManyAsync([1], default));
        await Assert.ThrowsAsync<CacheUnavailableException>(() => cache.SetManyAsync([ScoreSamples.For(1)], default));

        await _server.StartAsync();

        await WhenClosedAsync(async () => Assert.Empty(await cache.GetManyAsync([1], default)));
    }

    /// <summary>Tries until it works, each time after the circuit a failed try opened has closed again.</summary>
    private Task WhenClosedAsync(Func<Task> attempt) =>
        Eventually.HoldsAsync(() =>
        {
            _clock.Advance(_options.CircuitBreak);
            return attempt();
        });

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _server.DisposeAsync();
    }
}

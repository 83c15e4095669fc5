using System.Diagnostics;
using Personalize.Scores;
using Personalize.Scores.Cache;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Scores;

/// <summary>Each test owns its server, since it kills it.</summary>
public sealed class RedisScoreCacheOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReconnectWithin = TimeSpan.FromSeconds(15);

    private readonly RedisServer _server = new();
    private RedisScoreCache _cache = null!;

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _cache = new RedisScoreCache(new ScoreCacheOptions { ConnectionString = _server.ConnectionString });
    }

    [Fact]
    public async Task A_stopped_server_fails_fast_and_the_same_cache_works_again_once_it_is_back()
    {
        var score = ScoreSamples.For(1);
        // Other test classes load the two cores hard, so even a healthy call may exceed the 250 ms read timeout.
        await EventuallyAsync(async () =>
        {
            await _cache.SetManyAsync([score], default);
            Assert.Single(await _cache.GetManyAsync([1], default));
        });

        await _server.StopAsync();

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ScoreCacheUnavailableException>(() => _cache.GetManyAsync([1], default));
        Assert.True(stopwatch.Elapsed < FailFast, $"took {stopwatch.ElapsedMilliseconds} ms to report the outage");
        output.WriteLine($"first read after the kill failed in {stopwatch.Elapsed.TotalMilliseconds:F1} ms");

        // While the circuit is open a dead Redis costs nothing.
        stopwatch.Restart();
        for (var i = 0; i < 100; i++)
            await Assert.ThrowsAsync<ScoreCacheUnavailableException>(() => _cache.GetManyAsync([1], default));
        Assert.True(stopwatch.Elapsed < FailFast, $"100 reads during the outage took {stopwatch.ElapsedMilliseconds} ms");
        output.WriteLine($"100 reads during the outage failed in {stopwatch.Elapsed.TotalMilliseconds:F1} ms in all");

        await _server.StartAsync();
        stopwatch.Restart();

        // The restarted server is empty (no persistence): working again means a write then a read succeed.
        await EventuallyAsync(async () =>
        {
            await _cache.SetManyAsync([score], default);
            Assert.Equal(score, (await _cache.GetManyAsync([1], default))[1]);
        });
        output.WriteLine($"working again {stopwatch.Elapsed.TotalMilliseconds:F0} ms after the restart");
    }

    [Fact]
    public async Task A_cache_created_while_the_server_is_down_starts_and_fails_fast_then_connects_when_it_is_up()
    {
        await _server.StopAsync();
        await using var cache = new RedisScoreCache(new ScoreCacheOptions { ConnectionString = _server.ConnectionString });

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ScoreCacheUnavailableException>(() => cache.GetManyAsync([1], default));
        await Assert.ThrowsAsync<ScoreCacheUnavailableException>(() => cache.SetManyAsync([ScoreSamples.For(1)], default));
        Assert.True(stopwatch.Elapsed < FailFast, $"took {stopwatch.ElapsedMilliseconds} ms to report the outage");

        await _server.StartAsync();

        await EventuallyAsync(async () => Assert.Empty(await cache.GetManyAsync([1], default)));
    }

    private static async Task EventuallyAsync(Func<Task> works)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await works();
                return;
            }
            catch (ScoreCacheUnavailableException) when (stopwatch.Elapsed < ReconnectWithin)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _cache.DisposeAsync();
        await _server.DisposeAsync();
    }
}

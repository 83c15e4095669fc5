using Microsoft.Extensions.Options;
using Personalize.Caching;

namespace Personalize.Tests.Caching;

/// <summary>The near cache's own rules: what it keeps, what it refuses to keep, and what it drops.</summary>
public sealed class CustomerNearCacheTests
{
    private static readonly CustomerFact<int> Fact = new("a test number");
    private static readonly CustomerFact<string> OtherFact = new("a test text");

    private static CustomerNearCache Cache(Action<NearCacheOptions>? configure = null)
    {
        var options = new NearCacheOptions();
        configure?.Invoke(options);
        return new CustomerNearCache(Options.Create(options));
    }

    private static Func<List<long>, CancellationToken, Task<IReadOnlyDictionary<long, int>>> Load(
        Func<long, int> value,
        List<long> asked,
        Action? during = null
    ) =>
        (ids, _) =>
        {
            asked.AddRange(ids);
            during?.Invoke();
            return Task.FromResult<IReadOnlyDictionary<long, int>>(ids.ToDictionary(id => id, value));
        };

    [Fact]
    public async Task A_fact_is_loaded_once_then_served_until_its_customer_is_invalidated()
    {
        var cache = Cache();
        var asked = new List<long>();

        Assert.Equal(10, (await cache.GetManyAsync([1L, 2L], Fact, -1, Load(id => (int)id * 10, asked), default))[1]);
        Assert.Equal(20, (await cache.GetManyAsync([1L, 2L], Fact, -1, Load(id => 0, asked), default))[2]);
        Assert.Equal([1L, 2L], asked);

        cache.Invalidate([2L]);
        var again = await cache.GetManyAsync([1L, 2L], Fact, -1, Load(id => 99, asked), default);
        Assert.Equal(10, again[1]);
        Assert.Equal(99, again[2]);
        Assert.Equal([1L, 2L, 2L], asked);
    }

    [Fact]
    public async Task Facts_of_different_types_keep_their_own_values_for_one_customer()
    {
        var cache = Cache();
        await cache.GetManyAsync([9L], Fact, -1, Load(_ => 90, []), default);
        await cache.GetManyAsync(
            [9L],
            OtherFact,
            "",
            (ids, _) => Task.FromResult<IReadOnlyDictionary<long, string>>(ids.ToDictionary(id => id, _ => "ninety")),
            default
        );

        Assert.Equal(90, (await cache.GetManyAsync([9L], Fact, -1, Load(_ => 0, []), default))[9]);
        Assert.Equal(
            "ninety",
            (
                await cache.GetManyAsync(
                    [9L],
                    OtherFact,
                    "",
                    (_, _) => throw new InvalidOperationException("held"),
                    default
                )
            )[9]
        );
        Assert.Equal(2, cache.Hits);
    }

    [Fact]
    public async Task A_load_that_overlapped_an_invalidation_of_its_customer_is_answered_but_not_kept()
    {
        var cache = Cache();
        var asked = new List<long>();

        // The write commits and invalidates while the read is under way: what the read saw may predate the write.
        var racing = await cache.GetManyAsync(
            [7L],
            Fact,
            -1,
            Load(_ => 1, asked, during: () => cache.Invalidate([7L])),
            default
        );
        Assert.Equal(1, racing[7]);

        var next = await cache.GetManyAsync([7L], Fact, -1, Load(_ => 2, asked), default);
        Assert.Equal(2, next[7]);
        Assert.Equal([7L, 7L], asked);
    }

    [Fact]
    public async Task A_load_that_overlapped_a_clear_is_not_kept_and_absent_customers_get_the_absent_value()
    {
        var cache = Cache();
        var asked = new List<long>();
        var loaded = await cache.GetManyAsync(
            [3L, 4L],
            Fact,
            -1,
            (ids, _) =>
            {
                asked.AddRange(ids);
                cache.InvalidateAll();
                return Task.FromResult<IReadOnlyDictionary<long, int>>(new Dictionary<long, int> { [3] = 30 });
            },
            default
        );
        Assert.Equal(30, loaded[3]);
        Assert.Equal(-1, loaded[4]);

        await cache.GetManyAsync([3L, 4L], Fact, -1, Load(_ => 5, asked), default);
        Assert.Equal([3L, 4L, 3L, 4L], asked);
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public async Task A_fact_that_is_no_longer_current_is_loaded_again()
    {
        var cache = Cache();
        var asked = new List<long>();
        await cache.GetManyAsync([5L], Fact, -1, Load(_ => 1, asked), default);
        var current = await cache.GetManyAsync([5L], Fact, -1, Load(_ => 2, asked), default, isCurrent: v => v >= 2);
        Assert.Equal(2, current[5]);
        Assert.Equal([5L, 5L], asked);
    }

    [Fact]
    public async Task Disabled_or_expired_it_serves_nothing()
    {
        foreach (var cache in new[] { Cache(o => o.Enabled = false), Cache(o => o.MaxAgeSeconds = 0) })
        {
            var asked = new List<long>();
            await cache.GetManyAsync([1L], Fact, -1, Load(_ => 1, asked), default);
            await cache.GetManyAsync([1L], Fact, -1, Load(_ => 1, asked), default);
            Assert.Equal([1L, 1L], asked);
        }
    }

    [Fact]
    public async Task Full_it_drops_the_older_half_and_keeps_the_customers_seen_last()
    {
        var cache = Cache(o => o.MaxCustomers = 100);
        var asked = new List<long>();
        for (long id = 1; id <= 250; id++)
            await cache.GetManyAsync([id], Fact, -1, Load(i => (int)i, asked), default);
        Assert.InRange(cache.Count, 50, 100);

        asked.Clear();
        await cache.GetManyAsync([250L], Fact, -1, Load(i => (int)i, asked), default);
        Assert.Empty(asked);
    }

    [Fact]
    public async Task While_the_change_feed_is_down_nothing_is_served_and_it_comes_back_empty()
    {
        var cache = Cache();
        var asked = new List<long>();
        await cache.GetManyAsync([1L], Fact, -1, Load(_ => 1, asked), default);

        cache.FeedDown(true);
        Assert.False(cache.IsServing);
        await cache.GetManyAsync([1L], Fact, -1, Load(_ => 2, asked), default);
        cache.FeedDown(false);
        Assert.True(cache.IsServing);
        await cache.GetManyAsync([1L], Fact, -1, Load(_ => 3, asked), default);
        Assert.Equal(3, (await cache.GetManyAsync([1L], Fact, -1, Load(_ => 4, asked), default))[1]);
        Assert.Equal([1L, 1L, 1L], asked);
    }
}

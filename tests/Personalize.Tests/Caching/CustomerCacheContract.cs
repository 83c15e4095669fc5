using Personalize.Caching;
using Personalize.Scores;
using Personalize.Tests.Scores;

namespace Personalize.Tests.Caching;

/// <summary>What every <see cref="ICustomerCache{T}"/> does, checked against each implementation with scores as
/// values.</summary>
public abstract class CustomerCacheContract
{
    protected abstract ICustomerCache<CustomerScore> Cache { get; }

    /// <summary>Ids no other test of the class uses, so tests sharing one cache do not see each other's
    /// scores.</summary>
    protected abstract long FirstId { get; }

    [Fact]
    public async Task Scores_read_back_equal_to_what_was_written()
    {
        var scores = ScoreSamples.ForRange(FirstId, 50);
        await Cache.SetManyAsync(scores, default);

        var read = await Cache.GetManyAsync(scores.Select(s => s.CustomerId).ToArray(), default);

        Assert.Equal(scores.Length, read.Count);
        foreach (var score in scores)
            Assert.Equal(score, read[score.CustomerId]);
    }

    [Fact]
    public async Task Unknown_customers_are_absent_from_the_result()
    {
        await Cache.SetManyAsync([ScoreSamples.For(FirstId + 100)], default);

        var read = await Cache.GetManyAsync([FirstId + 100, FirstId + 101, FirstId + 102], default);

        Assert.Equal([FirstId + 100], read.Keys);
    }

    [Fact]
    public async Task Removed_scores_are_misses_and_the_others_stay()
    {
        var scores = ScoreSamples.ForRange(FirstId + 200, 3);
        await Cache.SetManyAsync(scores, default);

        await Cache.RemoveManyAsync([FirstId + 200, FirstId + 202], default);

        var read = await Cache.GetManyAsync(scores.Select(s => s.CustomerId).ToArray(), default);
        Assert.Equal([FirstId + 201], read.Keys);
    }

    [Fact]
    public async Task A_newer_score_replaces_the_older_one()
    {
        var older = ScoreSamples.For(FirstId + 300);
        var newer = older with { SnapshotId = older.SnapshotId + 1, PredictedClv = 999.99m };
        await Cache.SetManyAsync([older], default);
        await Cache.SetManyAsync([newer], default);

        var read = await Cache.GetManyAsync([FirstId + 300], default);

        Assert.Equal(newer, read[FirstId + 300]);
    }

    [Fact]
    public async Task Empty_requests_cost_nothing()
    {
        Assert.Empty(await Cache.GetManyAsync([], default));
        await Cache.SetManyAsync([], default);
        await Cache.RemoveManyAsync([], default);
    }
}

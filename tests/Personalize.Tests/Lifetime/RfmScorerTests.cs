using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

public sealed class RfmScorerTests
{
    [Fact]
    public void Ten_distinct_customers_fall_two_per_quintile()
    {
        // Customer i: last bought i days ago, i+1 orders, spent 10·(10−i).
        var population = Enumerable.Range(0, 10).Select(i => new RfmInput(i, i + 1, 10 * (10 - i))).ToArray();

        var scores = RfmScorer.Score(population);

        Assert.Equal([5, 5, 4, 4, 3, 3, 2, 2, 1, 1], scores.Select(s => s.Recency));
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], scores.Select(s => s.Frequency));
        Assert.Equal([5, 5, 4, 4, 3, 3, 2, 2, 1, 1], scores.Select(s => s.Monetary));
        Assert.Equal(515, scores[0].Combined);
        Assert.Equal("515", scores[0].Code);
        Assert.Equal(151, scores[9].Combined);
    }

    [Fact]
    public void Ties_get_the_same_score_whatever_the_order()
    {
        RfmInput[] population =
        [
            new(30, 1, 50),
            new(30, 1, 50),
            new(30, 1, 50),
            new(30, 1, 50),
            new(2, 6, 400),
            new(60, 2, 80),
            new(5, 3, 120),
            new(90, 1, 20),
            new(10, 4, 200),
            new(15, 2, 90),
        ];

        var scores = RfmScorer.Score(population);
        var reversed = RfmScorer.Score(population.Reverse().ToArray()).Reverse().ToArray();

        Assert.Equal(scores, reversed);
        Assert.Single(scores.Take(4).Distinct());
        // Four one-order customers out of ten, nobody below them: all score 1; the six-order customer scores 5.
        Assert.Equal(1, scores[0].Frequency);
        Assert.Equal(5, scores[4].Frequency);
        Assert.Equal(5, scores[4].Recency);
        Assert.Equal(1, scores[7].Recency);
    }

    [Fact]
    public void Empty_and_single_populations()
    {
        Assert.Empty(RfmScorer.Score([]));
        Assert.Equal(new RfmScore(1, 1, 1), RfmScorer.Score([new RfmInput(3, 1, 10)])[0]);
    }
}

using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

public sealed class RfmBoundariesTests
{
    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 100)]
    [InlineData(3, 1001)]
    public void Scoring_against_boundaries_gives_the_population_scores(int seed, int size)
    {
        var random = new Random(seed);
        // Few distinct values, so there are many ties.
        var population = Enumerable
            .Range(0, size)
            .Select(_ => new RfmInput(random.Next(0, 30), random.Next(1, 6), Math.Round(random.NextDouble() * 10) * 10))
            .ToList();

        var expected = RfmScorer.Score(population);
        var boundaries = RfmBoundaries.FromPopulation(population);

        Assert.Equal(expected, population.Select(boundaries.Score));
        Assert.Equal(boundaries, RfmBoundaries.Parse(boundaries.ToString()), new BoundariesComparer());
    }

    [Fact]
    public void A_new_customer_is_scored_against_the_stored_population()
    {
        var population = Enumerable
            .Range(1, 10)
            .Select(i => new RfmInput(DaysSinceLastPurchase: i * 10, Frequency: i, Monetary: i * 100))
            .ToList();
        var boundaries = RfmBoundaries.FromPopulation(population);

        Assert.Equal(new RfmScore(5, 1, 3), boundaries.Score(new RfmInput(0, 1, 550)));
        Assert.Equal(new RfmScore(1, 5, 5), boundaries.Score(new RfmInput(1000, 50, 1e6)));
    }

    private sealed class BoundariesComparer : IEqualityComparer<RfmBoundaries>
    {
        public bool Equals(RfmBoundaries? x, RfmBoundaries? y) =>
            x!.Recency.SequenceEqual(y!.Recency)
            && x.Frequency.SequenceEqual(y.Frequency)
            && x.Monetary.SequenceEqual(y.Monetary);

        public int GetHashCode(RfmBoundaries obj) => 0;
    }
}

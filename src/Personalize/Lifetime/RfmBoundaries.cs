using System.Globalization;

namespace Personalize.Lifetime;

/// <summary>
/// The quintile boundaries of a population, so that one customer can be scored later without the population
/// (e.g. after a new order). For each dimension, threshold k (k = 2..5) is the lowest value whose count of strictly
/// smaller values reaches ⌈(k−1)·N/5⌉; a value's score is 1 + the number of thresholds it reaches. Scoring a member
/// of the population this way gives exactly <see cref="RfmScorer.Score"/>.
/// </summary>
public sealed record RfmBoundaries(double[] Recency, double[] Frequency, double[] Monetary)
{
    public static RfmBoundaries FromPopulation(IReadOnlyList<RfmInput> population) =>
        new(
            Thresholds(population.Select(p => -p.DaysSinceLastPurchase)),
            Thresholds(population.Select(p => p.Frequency)),
            Thresholds(population.Select(p => p.Monetary))
        );

    public RfmScore Score(RfmInput customer) =>
        new(
            Level(Recency, -customer.DaysSinceLastPurchase),
            Level(Frequency, customer.Frequency),
            Level(Monetary, customer.Monetary)
        );

    /// <summary>"r1,r2,r3,r4;f1,...;m1,..." — stored with the snapshot.</summary>
    public override string ToString() =>
        string.Join(
            ';',
            new[] { Recency, Frequency, Monetary }.Select(d =>
                string.Join(',', d.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))
            )
        );

    public static RfmBoundaries Parse(string text)
    {
        var parts = text.Split(';')
            .Select(d => d.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        return new RfmBoundaries(parts[0], parts[1], parts[2]);
    }

    private static int Level(double[] thresholds, double value) => 1 + thresholds.Count(t => value >= t);

    private static double[] Thresholds(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        var thresholds = new double[4];
        for (var k = 2; k <= 5; k++)
        {
            var needed = (int)Math.Ceiling((k - 1) * (double)n / 5);
            // The first value with at least `needed` values strictly below it: the first value above sorted[needed -
            // 1].
            var i = needed;
            while (i < n && sorted[i] <= sorted[needed - 1])
                i++;
            thresholds[k - 2] =
                n == 0 || needed == 0 ? double.NegativeInfinity
                : i < n ? sorted[i]
                : double.PositiveInfinity;
        }
        return thresholds;
    }
}

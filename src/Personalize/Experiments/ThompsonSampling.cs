namespace Personalize.Experiments;

/// <summary>A bandit experiment's allocation now: the probability each variant converts best, from the counts behind
/// it.</summary>
public sealed record BanditState(IReadOnlyDictionary<long, double> Probabilities, long Exposures, bool BurnedIn);

/// <summary>
/// Thompson sampling with Beta-Bernoulli arms: each variant's conversion rate has the posterior Beta(1 + conversions,
/// 1 + exposures − conversions) (uniform prior); a new customer goes to variant k with the probability that k's rate
/// is the highest ("randomized probability matching", Scott 2010). That probability is estimated from
/// <see cref="Draws"/> joint posterior draws with a generator seeded by the counts, so every instance computes the same
/// allocation from the same data; the customer's own draw is their assignment-hash position.
/// </summary>
public static class ThompsonSampling
{
    public const int Draws = 20_000;

    public static IReadOnlyDictionary<long, double> Probabilities(
        IReadOnlyList<(long VariantId, long Exposures, long Conversions)> arms
    )
    {
        var seed = arms.Aggregate(17L, (h, a) => h * 31 + a.VariantId * 7919 + a.Exposures * 104729 + a.Conversions);
        var random = new Random((int)(seed ^ (seed >> 32)));
        var wins = new int[arms.Count];
        for (var d = 0; d < Draws; d++)
        {
            var (best, bestValue) = (0, double.NegativeInfinity);
            for (var k = 0; k < arms.Count; k++)
            {
                var value = Beta(
                    random,
                    1 + arms[k].Conversions,
                    1 + Math.Max(0, arms[k].Exposures - arms[k].Conversions)
                );
                if (value > bestValue)
                    (best, bestValue) = (k, value);
            }
            wins[best]++;
        }
        return arms.Select((a, k) => (a.VariantId, Share: (double)wins[k] / Draws))
            .ToDictionary(x => x.VariantId, x => x.Share);
    }

    /// <summary>Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).</summary>
    public static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }

    /// <summary>Gamma(shape, 1) by Marsaglia &amp; Tsang (2000); shape ≥ 1 here (the prior adds 1).</summary>
    public static double Gamma(Random random, double shape)
    {
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x,
                v;
            do
            {
                // Box-Muller standard normal.
                x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
                return d * v;
        }
    }
}

using System.Diagnostics;
using Personalize.Lifetime;
using Xunit.Abstractions;

namespace Personalize.Tests.Lifetime;

/// <summary>One million customers simulated from the BG/NBD process, fitted through their grouped statistics.</summary>
public sealed class SyntheticBgNbdTests(ITestOutputHelper output)
{
    private static readonly BgNbdParameters Truth = new(R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426);

    [Fact]
    public void A_million_customers_recover_the_parameters()
    {
        var stopwatch = Stopwatch.StartNew();
        var data = Simulate(Truth, customers: 1_000_000, seed: 20050101);
        var simulated = stopwatch.Elapsed;

        stopwatch.Restart();
        var fit = BgNbdFitter.Fit(data);
        var fitted = stopwatch.Elapsed;

        Assert.True(fit.Converged, fit.FailureReason);
        var p = fit.GetParametersOrThrow();
        output.WriteLine(
            $"simulated in {simulated.TotalSeconds:F2} s, {data.Groups.Count} groups; fitted in "
                + $"{fitted.TotalSeconds:F2} s "
                + $"({fit.Evaluations} evaluations): r={p.R:F4} alpha={p.Alpha:F4} a={p.A:F4} b={p.B:F4}"
        );
        Assert.Equal(1_000_000, data.CustomerCount);
        Assert.Equal(Truth.R, p.R, Truth.R * 0.05);
        Assert.Equal(Truth.Alpha, p.Alpha, Truth.Alpha * 0.05);
        Assert.Equal(Truth.A, p.A, Truth.A * 0.10);
        Assert.Equal(Truth.B, p.B, Truth.B * 0.10);
    }

    /// <summary>
    /// Customers are acquired in 13 weekly cohorts and observed until week 39, like CDNOW's first quarter. Purchase
    /// times are rounded to whole days, which is what keeps the number of distinct (x, t_x, T) small.
    /// </summary>
    private static RepeatPurchaseData Simulate(BgNbdParameters p, int customers, int seed)
    {
        var random = new Random(seed);
        var data = new RepeatPurchaseData();
        for (var i = 0; i < customers; i++)
        {
            var ageInDays = 7 * (39 - i % 13);
            var T = ageInDays / 7.0;
            var lambda = SampleGamma(random, p.R) / p.Alpha;
            var dropout = SampleBeta(random, p.A, p.B);

            int x = 0;
            double t = 0,
                tx = 0;
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) / lambda;
                if (t > T)
                    break;
                x++;
                tx = t;
                if (random.NextDouble() < dropout)
                    break;
            }
            var txDays = Math.Min(Math.Round(tx * 7), ageInDays);
            data.Add(x, x == 0 ? 0 : txDays / 7.0, T);
        }
        return data;
    }

    private static double SampleBeta(Random random, double a, double b)
    {
        var x = SampleGamma(random, a);
        return x / (x + SampleGamma(random, b));
    }

    // Marsaglia & Tsang (2000), with the usual U^(1/k) boost for shapes below 1.
    private static double SampleGamma(Random random, double shape)
    {
        if (shape < 1)
            return SampleGamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z,
                v;
            do
            {
                z = SampleNormal(random);
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v))
                return d * v;
        }
    }

    private static double SampleNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

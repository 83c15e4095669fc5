using Personalize.Lifetime;

namespace Personalize.Experiments;

/// <summary>The distributions the experiment results need.</summary>
public static class Statistics
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Standard normal cumulative distribution Φ(x) (Hart's algorithm as given by West, 2005; absolute error below 1e-14).</summary>
    public static double NormalCdf(double x)
    {
        var abs = Math.Abs(x);
        double tail;
        if (abs > 37)
        {
            tail = 0;
        }
        else
        {
            var e = Math.Exp(-abs * abs / 2);
            if (abs < 7.07106781186547)
            {
                var numerator = ((((((3.52624965998911E-02 * abs + 0.700383064443688) * abs + 6.37396220353165) * abs + 33.912866078383) * abs
                    + 112.079291497871) * abs + 221.213596169931) * abs + 220.206867912376);
                var denominator = (((((((8.83883476483184E-02 * abs + 1.75566716318264) * abs + 16.064177579207) * abs + 86.7807322029461) * abs
                    + 296.564248779674) * abs + 637.333633378831) * abs + 793.826512519948) * abs + 440.413735824752);
                tail = e * numerator / denominator;
            }
            else
            {
                var fraction = abs + 1 / (abs + 2 / (abs + 3 / (abs + 4 / (abs + 0.65))));
                tail = e / fraction / 2.506628274631;
            }
        }
        return x > 0 ? 1 - tail : tail;
    }

    /// <summary>Two-sided p-value of a standard normal statistic.</summary>
    public static double TwoSidedPValue(double z) => 2 * NormalCdf(-Math.Abs(z));

    /// <summary>P(χ² ≥ statistic) with the given degrees of freedom.</summary>
    public static double ChiSquareSurvival(double statistic, int degreesOfFreedom) =>
        statistic <= 0 ? 1 : UpperRegularizedGamma(degreesOfFreedom / 2.0, statistic / 2);

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a): a series below a + 1, a continued fraction (modified Lentz) above.</summary>
    public static double UpperRegularizedGamma(double a, double x)
    {
        if (x <= 0) return 1;
        var logPrefix = a * Math.Log(x) - x - SpecialFunctions.LogGamma(a);
        if (x < a + 1)
        {
            double term = 1 / a, sum = term;
            for (var n = 1; n < 1000 && Math.Abs(term) > Math.Abs(sum) * 1e-16; n++)
            {
                term *= x / (a + n);
                sum += term;
            }
            return 1 - sum * Math.Exp(logPrefix);
        }

        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(logPrefix) * h;
    }
}

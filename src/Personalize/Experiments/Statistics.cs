using Personalize.Lifetime;

namespace Personalize.Experiments;

/// <summary>The distributions the experiment results need.</summary>
public static class Statistics
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Standard normal cumulative distribution Φ(x) (Hart's algorithm as given by West, 2005; absolute error
    /// below 1e-14).</summary>
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
                var numerator = (
                    (
                        (
                            (
                                ((3.52624965998911E-02 * abs + 0.700383064443688) * abs + 6.37396220353165) * abs
                                + 33.912866078383
                            ) * abs
                            + 112.079291497871
                        ) * abs
                        + 221.213596169931
                    ) * abs
                    + 220.206867912376
                );
                var denominator = (
                    (
                        (
                            (
                                (
                                    ((8.83883476483184E-02 * abs + 1.75566716318264) * abs + 16.064177579207) * abs
                                    + 86.7807322029461
                                ) * abs
                                + 296.564248779674
                            ) * abs
                            + 637.333633378831
                        ) * abs
                        + 793.826512519948
                    ) * abs
                    + 440.413735824752
                );
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
        if (x <= 0)
            return 1;
        var logPrefix = a * Math.Log(x) - x - SpecialFunctions.LogGamma(a);
        if (x < a + 1)
        {
            double term = 1 / a,
                sum = term;
            for (var n = 1; n < 1000 && Math.Abs(term) > Math.Abs(sum) * 1e-16; n++)
            {
                term *= x / (a + n);
                sum += term;
            }
            return 1 - sum * Math.Exp(logPrefix);
        }

        const double tiny = 1e-300;
        double b = x + 1 - a,
            c = 1 / tiny,
            d = 1 / b,
            h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny)
                d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny)
                c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
                break;
        }
        return Math.Exp(logPrefix) * h;
    }

    /// <summary>P(T ≤ t) for Student's t with ν degrees of freedom (ν may be fractional, as Welch's is): I_x(ν/2, 1/2)
    /// with x = ν / (ν + t²).</summary>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        if (double.IsInfinity(degreesOfFreedom) || degreesOfFreedom > 1e7)
            return NormalCdf(t);
        var tail =
            RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + t * t)) / 2;
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>Two-sided p-value of a t statistic.</summary>
    public static double StudentTTwoSidedPValue(double t, double degreesOfFreedom) =>
        2 * StudentTCdf(-Math.Abs(t), degreesOfFreedom);

    /// <summary>The t with P(T ≤ t) = p, by bisection on the distribution function (60 halvings: far below display
    /// precision).</summary>
    public static double StudentTQuantile(double p, double degreesOfFreedom)
    {
        double low = -1e3,
            high = 1e3;
        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var mid = (low + high) / 2;
            if (StudentTCdf(mid, degreesOfFreedom) < p)
                low = mid;
            else
                high = mid;
        }
        return (low + high) / 2;
    }

    /// <summary>I_x(a, b), by the continued fraction (modified Lentz), on the side where it converges fast.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
            return 0;
        if (x >= 1)
            return 1;
        var logFront =
            SpecialFunctions.LogGamma(a + b)
            - SpecialFunctions.LogGamma(a)
            - SpecialFunctions.LogGamma(b)
            + a * Math.Log(x)
            + b * Math.Log(1 - x);
        if (x > (a + 1) / (a + b + 2))
            return 1 - RegularizedIncompleteBeta(b, a, 1 - x);

        const double tiny = 1e-300;
        double c = 1,
            d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < tiny)
            d = tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m < 1000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny)
                d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny)
                c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny)
                d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny)
                c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
                break;
        }
        return Math.Exp(logFront) * h / a;
    }
}

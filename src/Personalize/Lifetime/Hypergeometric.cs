namespace Personalize.Lifetime;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z ≤ 1, as needed by the BG/NBD
/// conditional expectation (Fader, Hardie &amp; Lee 2005, eq. 10) and unconditional expectation (eq. 9).
/// </summary>
/// <remarks>
/// The power series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ converges for |z| &lt; 1 but slowly near 1, so:
/// <list type="bullet">
/// <item>z &lt; 0: Pfaff's transformation ₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1)) maps z into (0, 1).</item>
/// <item>0 ≤ z ≤ 0.9: the series, summed to machine precision.</item>
/// <item>0.9 &lt; z &lt; 1: the 1−z connection formula (Abramowitz &amp; Stegun 15.3.6), whose two series run in
/// 1−z &lt; 0.1. It is singular when c−a−b is an integer and loses digits near one, so within 10⁻³ of an integer
/// the plain series is summed instead (up to z = 0.9999, a few hundred thousand terms); beyond that the function,
/// which is smooth in c, is interpolated by a cubic through four values of c at which c−a−b lies 10⁻³ and 2·10⁻³
/// either side of the integer (relative error below 10⁻⁶).</item>
/// <item>z = 1: Gauss's theorem, when c−a−b &gt; 0.</item>
/// </list>
/// When a or b is a non-positive integer the series is a polynomial and is summed directly for any z.
/// </remarks>
public static class Hypergeometric
{
    private const int MaxTerms = 2_000_000;
    private const double SeriesLimit = 0.9;
    private const double SlowSeriesLimit = 0.9999;
    private const double IntegerTolerance = 1e-3;

    public static double Hyp2F1(double a, double b, double c, double z)
    {
        if (double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(c) || double.IsNaN(z))
            return double.NaN;
        if (IsNonPositiveInteger(c) && !TerminatesBefore(a, b, c))
            throw new ArgumentOutOfRangeException(nameof(c), c, "₂F₁ is undefined when c is a non-positive integer.");
        if (z == 0)
            return 1;
        if (IsNonPositiveInteger(a) || IsNonPositiveInteger(b))
            return Series(a, b, c, z);
        if (z > 1)
            throw new ArgumentOutOfRangeException(nameof(z), z, "Only the real branch z ≤ 1 is implemented.");
        if (z < 0)
            return Math.Pow(1 - z, -a) * Hyp2F1(a, c - b, c, z / (z - 1));
        if (z <= SeriesLimit)
            return Series(a, b, c, z);
        if (z == 1)
            return GaussAtOne(a, b, c);

        var m = c - a - b;
        if (Math.Abs(m - Math.Round(m)) >= IntegerTolerance)
            return OneMinusZ(a, b, c, z);
        if (z <= SlowSeriesLimit)
            return Series(a, b, c, z);
        return InterpolatedAcrossInteger(a, b, c, z);
    }

    private static double InterpolatedAcrossInteger(double a, double b, double c, double z)
    {
        var m = c - a - b;
        var integer = Math.Round(m);
        var offset = m - integer;
        double[] nodes = [-2 * IntegerTolerance, -IntegerTolerance, IntegerTolerance, 2 * IntegerTolerance];
        var result = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            var weight = 1.0;
            for (var j = 0; j < nodes.Length; j++)
                if (j != i)
                    weight *= (offset - nodes[j]) / (nodes[i] - nodes[j]);
            result += weight * OneMinusZ(a, b, a + b + integer + nodes[i], z);
        }
        return result;
    }

    private static double Series(double a, double b, double c, double z)
    {
        double sum = 1,
            term = 1;
        for (var n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (term == 0)
                return sum;
            // Stop only once the terms are shrinking geometrically, so an early small term cannot fool the test.
            var ratio = Math.Abs((a + n + 1) * (b + n + 1) / ((c + n + 1) * (n + 2)) * z);
            if (ratio < 1 && Math.Abs(term) <= 1e-16 * Math.Abs(sum) * (1 - ratio))
                return sum;
            if (double.IsInfinity(sum))
                break;
        }
        throw new ArithmeticException($"₂F₁({a}, {b}; {c}; {z}): the series did not converge.");
    }

    // Abramowitz & Stegun 15.3.6, valid when c − a − b is not an integer.
    private static double OneMinusZ(double a, double b, double c, double z)
    {
        var w = 1 - z;
        var m = c - a - b;
        var first = GammaRatio(numerators: [c, m], denominators: [c - a, c - b]);
        var second = GammaRatio(numerators: [c, -m], denominators: [a, b]);
        var result = 0.0;
        if (first != 0)
            result += first * Series(a, b, 1 - m, w);
        if (second != 0)
            result += second * Math.Pow(w, m) * Series(c - a, c - b, 1 + m, w);
        return result;
    }

    private static double GaussAtOne(double a, double b, double c)
    {
        if (c - a - b <= 0)
            throw new ArgumentOutOfRangeException(nameof(c), c, "₂F₁ diverges at z = 1 unless c − a − b > 0.");
        return GammaRatio(numerators: [c, c - a - b], denominators: [c - a, c - b]);
    }

    /// <summary>Π Γ(numerators) / Π Γ(denominators), through logarithms; 0 when a denominator sits on a pole.</summary>
    private static double GammaRatio(double[] numerators, double[] denominators)
    {
        var sign = 1;
        var log = 0.0;
        foreach (var x in denominators)
        {
            var s = SpecialFunctions.GammaSign(x);
            if (s == 0)
                return 0;
            sign *= s;
            log -= SpecialFunctions.LogGamma(x);
        }
        foreach (var x in numerators)
        {
            sign *= SpecialFunctions.GammaSign(x);
            log += SpecialFunctions.LogGamma(x);
        }
        return sign * Math.Exp(log);
    }

    private static bool IsNonPositiveInteger(double x) => x <= 0 && x == Math.Floor(x);

    // A terminating series (a or b a non-positive integer above c) never reaches the zero denominator (c)ₙ.
    private static bool TerminatesBefore(double a, double b, double c) =>
        (IsNonPositiveInteger(a) && a > c) || (IsNonPositiveInteger(b) && b > c);
}

namespace Personalize.Lifetime;

/// <summary>Gamma-family functions needed by the lifetime-value models.</summary>
public static class SpecialFunctions
{
    // Lanczos approximation, g = 7, n = 9 (relative error about 1e-15 for positive arguments).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln|Γ(x)|; +∞ at the poles (0, −1, −2, ...).</summary>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x))
            return double.NaN;
        if (x <= 0 && x == Math.Floor(x))
            return double.PositiveInfinity;
        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }
        x -= 1;
        var sum = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++)
            sum += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>ψ(x) = d ln Γ(x)/dx: recurrence up to x ≥ 10, then the asymptotic series (error below 10⁻¹⁶);
    /// reflection for x &lt; 0.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || x <= 0 && x == Math.Floor(x))
            return double.NaN;
        if (x < 0)
            return Digamma(1 - x) - Math.PI / Math.Tan(Math.PI * x);
        var result = 0.0;
        for (; x < 10; x++)
            result -= 1 / x;
        var f = 1 / (x * x);
        return result
            + Math.Log(x)
            - 0.5 / x
            - f
                * (
                    1.0 / 12
                    - f
                        * (
                            1.0 / 120
                            - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 - f * (691.0 / 32760 - f / 12))))
                        )
                );
    }

    /// <summary>The sign of Γ(x): +1 for x &gt; 0, alternating between the poles for x &lt; 0; 0 at a pole.</summary>
    public static int GammaSign(double x)
    {
        if (x > 0)
            return 1;
        if (x == Math.Floor(x))
            return 0;
        return ((long)Math.Floor(x) % 2 == 0) ? 1 : -1;
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for positive a, b.</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln(1 + x), accurate for small x (Goldberg's trick; .NET's double.LogP1 is plain Log(1 + x)).</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small x (Kahan's trick; .NET's double.ExpM1 is plain Exp(x) − 1).</summary>
    public static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1)
            return x;
        if (double.IsPositiveInfinity(u))
            return u;
        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }
}

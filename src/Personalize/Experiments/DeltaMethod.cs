namespace Personalize.Experiments;

/// <summary>A ratio of means (e.g. revenue per order = Σ revenue / Σ orders) and the variance of that ratio.</summary>
public sealed record RatioEstimate(double Ratio, double Variance, double Count);

/// <summary>
/// The delta method for a ratio metric whose unit of randomization is the customer, not the order: with per-customer
/// numerators Y and denominators X, R = Ȳ / X̄ and Var(R) ≈ (1/n) · (s²_Y / X̄² − 2 Ȳ s_XY / X̄³ + Ȳ² s²_X / X̄⁴)
/// (Deng, Knoblich &amp; Lu 2018, "Applying the delta method in metric analytics"). The orders of one customer are
/// correlated, so treating each order as an independent sample would understate the variance.
/// </summary>
public static class DeltaMethod
{
    /// <returns>Null when there are fewer than two customers or no denominator at all.</returns>
    public static RatioEstimate? Ratio(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators)
    {
        var n = numerators.Count;
        if (n < 2 || denominators.Count != n)
            return null;
        double my = numerators.Average(),
            mx = denominators.Average();
        if (mx <= 0)
            return null;
        double syy = 0,
            sxx = 0,
            sxy = 0;
        for (var i = 0; i < n; i++)
        {
            double dy = numerators[i] - my,
                dx = denominators[i] - mx;
            syy += dy * dy;
            sxx += dx * dx;
            sxy += dx * dy;
        }
        (syy, sxx, sxy) = (syy / (n - 1), sxx / (n - 1), sxy / (n - 1));
        var variance = (syy / (mx * mx) - 2 * my * sxy / (mx * mx * mx) + my * my * sxx / (mx * mx * mx * mx)) / n;
        return new RatioEstimate(my / mx, Math.Max(0, variance), n);
    }
}

namespace Personalize.Experiments;

/// <summary>
/// CUPED (Deng, Xu, Kohavi &amp; Walker 2013): each customer's metric Y is adjusted by a covariate X measured before
/// exposure (so the treatment cannot have moved it): Y' = Y − θ (X − X̄), θ = cov(X, Y) / var(X), over all arms pooled.
/// The adjusted means differ by the same amount in expectation, with the variance multiplied by 1 − ρ²(X, Y).
/// </summary>
public static class Cuped
{
    /// <summary>θ and the pooled covariate mean; θ = 0 when the covariate does not vary.</summary>
    public static (double Theta, double CovariateMean) Fit(
        IReadOnlyList<double> metric,
        IReadOnlyList<double> covariate
    )
    {
        var n = metric.Count;
        if (n < 2)
            return (0, n == 0 ? 0 : covariate.Average());
        double my = metric.Average(),
            mx = covariate.Average(),
            sxy = 0,
            sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (covariate[i] - mx) * (metric[i] - my);
            sxx += (covariate[i] - mx) * (covariate[i] - mx);
        }
        return (sxx == 0 ? 0 : sxy / sxx, mx);
    }

    public static double[] Adjust(
        IReadOnlyList<double> metric,
        IReadOnlyList<double> covariate,
        double theta,
        double covariateMean
    ) => metric.Select((y, i) => y - theta * (covariate[i] - covariateMean)).ToArray();

    /// <summary>1 − var(adjusted) / var(raw), pooled over the arms: the share of the metric's variance
    /// removed.</summary>
    public static double VarianceReduction(IReadOnlyCollection<double> raw, IReadOnlyCollection<double> adjusted)
    {
        var before = Sample.Of(raw).Variance;
        return before == 0 ? 0 : 1 - Sample.Of(adjusted).Variance / before;
    }
}

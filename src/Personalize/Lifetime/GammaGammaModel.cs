namespace Personalize.Lifetime;

/// <summary>
/// The Gamma-Gamma model of spend per transaction (Fader &amp; Hardie 2013, "The Gamma-Gamma Model of Monetary
/// Value"; Colombo &amp; Jiang 1999). It assumes spend is independent of purchase frequency; see
/// <see cref="FrequencySpendCorrelation"/>.
/// </summary>
public sealed class GammaGammaModel(GammaGammaParameters parameters)
{
    public GammaGammaParameters Parameters { get; } = parameters;

    /// <summary>
    /// ln f(z̄ | p, q, γ, x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄).
    /// </summary>
    public double LogLikelihood(int x, double meanSpend) => LogLikelihood(Parameters, x, meanSpend);

    public double LogLikelihood(SpendData data) => LogLikelihood(Parameters, data.Groups);

    internal static double LogLikelihood(GammaGammaParameters parameters, IReadOnlyList<SpendGroup> groups)
    {
        var total = 0.0;
        foreach (var g in groups) total += g.Count * LogLikelihood(parameters, g.Frequency, g.MeanSpend);
        return total;
    }

    private static double LogLikelihood(GammaGammaParameters parameters, int x, double zbar)
    {
        var (p, q, gamma) = parameters;
        var px = p * x;
        return SpecialFunctions.LogGamma(px + q) - SpecialFunctions.LogGamma(px) - SpecialFunctions.LogGamma(q)
            + q * Math.Log(gamma) + (px - 1) * Math.Log(zbar) + px * Math.Log(x) - (px + q) * Math.Log(gamma + x * zbar);
    }

    /// <summary>
    /// E[M | p, q, γ, x, z̄] = p(γ + x z̄) / (px + q − 1), the customer's expected spend per transaction: a weighted mean
    /// of the population mean pγ/(q−1) and the customer's own z̄, with weight px/(px+q−1) on z̄.
    /// With x = 0 (no repeat purchase) it is the population mean.
    /// </summary>
    /// <exception cref="InvalidOperationException">q ≤ 1: the population mean spend is infinite.</exception>
    public double ConditionalExpectedAverageSpend(int x, double meanSpend)
    {
        var (p, q, gamma) = Parameters;
        if (q <= 1) throw new InvalidOperationException($"The Gamma-Gamma mean spend is infinite when q ≤ 1 (q = {q}).");
        if (x == 0) return p * gamma / (q - 1);
        return p * (gamma + x * meanSpend) / (p * x + q - 1);
    }

    /// <summary>
    /// Pearson correlation between frequency x and mean spend z̄ over the repeat customers. The model assumes these
    /// are independent; a value far from 0 (say beyond ±0.3) means its spend predictions are suspect.
    /// Null when there are fewer than two customers or either variable is constant.
    /// </summary>
    public static double? FrequencySpendCorrelation(SpendData data)
    {
        double n = 0, sx = 0, sz = 0;
        foreach (var g in data.Groups) { n += g.Count; sx += g.Count * g.Frequency; sz += g.Count * g.MeanSpend; }
        if (n < 2) return null;
        double mx = sx / n, mz = sz / n, cxz = 0, cxx = 0, czz = 0;
        foreach (var g in data.Groups)
        {
            double dx = g.Frequency - mx, dz = g.MeanSpend - mz;
            cxz += g.Count * dx * dz; cxx += g.Count * dx * dx; czz += g.Count * dz * dz;
        }
        return cxx > 0 && czz > 0 ? cxz / Math.Sqrt(cxx * czz) : null;
    }
}

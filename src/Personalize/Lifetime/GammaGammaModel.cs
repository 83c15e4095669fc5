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

    public double LogLikelihood(SpendData data) =>
        MeanLogLikelihood(data.Groups, Parameters, null) * data.CustomerCount;

    /// <summary>
    /// The mean log-likelihood per customer of grouped customers (sorted by x), the terms of x alone computed once per
    /// x; when <paramref name="gradient"/> is not null it receives ∂/∂ ln θ for θ = p, q, γ: ∂/∂p = x[ψ(px+q) − ψ(px) +
    /// ln z̄ + ln x − ln(γ+xz̄)], ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ+xz̄), ∂/∂γ = q/γ − (px+q)/(γ+xz̄).
    /// </summary>
    internal static double MeanLogLikelihood(
        IReadOnlyList<SpendGroup> groups,
        GammaGammaParameters parameters,
        double[]? gradient
    )
    {
        var (p, q, gamma) = parameters;
        var (lnGammaQ, digammaQ, lnScale) = (
            SpecialFunctions.LogGamma(q),
            SpecialFunctions.Digamma(q),
            Math.Log(gamma)
        );
        var parts = GroupSum.Chunks(groups.Count, (from, to) =>
        {
            double ll = 0,
                byP = 0,
                byQ = 0,
                byGamma = 0,
                customers = 0;
            var currentX = -1;
            double constant = 0,
                digammaSum = 0,
                digammaShape = 0,
                lnX = 0;
            for (var i = from; i < to; i++)
            {
                var (x, zbar, count) = groups[i];
                var px = p * x;
                if (x != currentX)
                {
                    currentX = x;
                    lnX = Math.Log(x);
                    constant =
                        SpecialFunctions.LogGamma(px + q)
                        - SpecialFunctions.LogGamma(px)
                        - lnGammaQ
                        + q * lnScale
                        + px * lnX;
                    (digammaSum, digammaShape) = (SpecialFunctions.Digamma(px + q), SpecialFunctions.Digamma(px));
                }
                var (lnZbar, total) = (Math.Log(zbar), gamma + x * zbar);
                var lnTotal = Math.Log(total);
                ll += count * (constant + (px - 1) * lnZbar - (px + q) * lnTotal);
                customers += count;
                if (gradient is null)
                    continue;
                byP += count * x * (digammaSum - digammaShape + lnZbar + lnX - lnTotal);
                byQ += count * (digammaSum - digammaQ + lnScale - lnTotal);
                byGamma += count * (q / gamma - (px + q) / total);
            }
            return (ll, byP, byQ, byGamma, customers);
        });
        var n = parts.Sum(part => part.customers);
        if (n == 0)
            return 0;
        if (gradient is not null)
            (gradient[0], gradient[1], gradient[2]) = (
                p * parts.Sum(part => part.byP) / n,
                q * parts.Sum(part => part.byQ) / n,
                gamma * parts.Sum(part => part.byGamma) / n
            );
        return parts.Sum(part => part.ll) / n;
    }

    private static double LogLikelihood(GammaGammaParameters parameters, int x, double zbar)
    {
        var (p, q, gamma) = parameters;
        var px = p * x;
        return SpecialFunctions.LogGamma(px + q)
            - SpecialFunctions.LogGamma(px)
            - SpecialFunctions.LogGamma(q)
            + q * Math.Log(gamma)
            + (px - 1) * Math.Log(zbar)
            + px * Math.Log(x)
            - (px + q) * Math.Log(gamma + x * zbar);
    }

    /// <summary>
    /// E[M | p, q, γ, x, z̄] = p(γ + x z̄) / (px + q − 1), the customer's expected spend per transaction: a weighted
    /// mean of the population mean pγ/(q−1) and the customer's own z̄, with weight px/(px+q−1) on z̄. With x = 0 (no
    /// repeat purchase) it is the population mean.
    /// </summary>
    /// <exception cref="InvalidOperationException">q ≤ 1: the population mean spend is infinite.</exception>
    public double ConditionalExpectedAverageSpend(int x, double meanSpend)
    {
        var (p, q, gamma) = Parameters;
        if (q <= 1)
            throw new InvalidOperationException($"The Gamma-Gamma mean spend is infinite when q ≤ 1 (q = {q}).");
        if (x == 0)
            return p * gamma / (q - 1);
        return p * (gamma + x * meanSpend) / (p * x + q - 1);
    }

    /// <summary>
    /// Pearson correlation between frequency x and mean spend z̄ over the repeat customers. The model assumes these
    /// are independent; a value far from 0 (say beyond ±0.3) means its spend predictions are suspect.
    /// Null when there are fewer than two customers or either variable is constant.
    /// </summary>
    public static double? FrequencySpendCorrelation(SpendData data)
    {
        double n = 0,
            sx = 0,
            sz = 0;
        foreach (var g in data.Groups)
        {
            n += g.Count;
            sx += g.Count * g.Frequency;
            sz += g.Count * g.MeanSpend;
        }
        if (n < 2)
            return null;
        double mx = sx / n,
            mz = sz / n,
            cxz = 0,
            cxx = 0,
            czz = 0;
        foreach (var g in data.Groups)
        {
            double dx = g.Frequency - mx,
                dz = g.MeanSpend - mz;
            cxz += g.Count * dx * dz;
            cxx += g.Count * dx * dx;
            czz += g.Count * dz * dz;
        }
        return cxx > 0 && czz > 0 ? cxz / Math.Sqrt(cxx * czz) : null;
    }
}

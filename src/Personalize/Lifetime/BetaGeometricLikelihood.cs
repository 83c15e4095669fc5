namespace Personalize.Lifetime;

/// <summary>
/// The log-likelihood of BG/NBD (a dropout chance after each repeat purchase) and MBG/NBD (after every purchase, the
/// first included), which differ only in the number of dropout chances x purchases give: m = x, or m = x + 1. Per
/// customer: ln[Γ(r+x)/Γ(r)] + r ln α + ln[B(a, b+m)/B(a, b)] + ln[(α+T)^−(r+x) + δ(m&gt;0) · a/(b+m−1) ·
/// (α+t_x)^−(r+x)].
/// </summary>
/// <remarks>
/// The gamma and beta ratios are sums over k of ln(r+k) and ln(1 − a/(a+b+k)), accumulated once per evaluation for
/// every x: differences of ln Γ lose digits when b is large (ln Γ(10⁴) ≈ 8·10⁴), the sums do not. The gradient is
/// analytic; ln(α+t) and 1/(α+t) are computed once per distinct time.
/// </remarks>
internal static class BetaGeometricLikelihood
{
    /// <param name="p">r, α, a, b on the columns' time axis.</param>
    /// <param name="shift">0 for BG/NBD, 1 for MBG/NBD.</param>
    /// <param name="gradient">When not null, receives ∂(mean log-likelihood)/∂ ln θ for θ = r, α, a, b.</param>
    /// <returns>The mean log-likelihood per customer.</returns>
    public static double Mean(RepeatPurchaseColumns d, IReadOnlyList<double> p, int shift, double[]? gradient)
    {
        var (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
        var maxX = d.MaxFrequency;
        var lnAlpha = Math.Log(alpha);
        var lnA = Math.Log(a);
        // Per x: the frequency term, its derivatives by r, a and b, and the dropout term's constant ln[a/(b+m−1)].
        var frequency = new double[maxX + 1];
        var byR = new double[maxX + 1];
        var byA = new double[maxX + 1];
        var byB = new double[maxX + 1];
        var dropout = new double[maxX + 1];
        double lnGamma = 0,
            digamma = 0,
            beta = 0,
            betaByA = 0,
            betaByB = 0;
        for (int x = 0, k = 0; x <= maxX; x++)
        {
            if (x > 0)
                (lnGamma, digamma) = (lnGamma + Math.Log(r + x - 1), digamma + 1 / (r + x - 1));
            for (; k < x + shift; k++)
            {
                var ab = a + b + k;
                (beta, betaByA, betaByB) = (
                    beta + SpecialFunctions.Log1P(-a / ab),
                    betaByA - 1 / ab,
                    betaByB + a / ((b + k) * ab)
                );
            }
            frequency[x] = lnGamma + r * lnAlpha + beta;
            (byR[x], byA[x], byB[x]) = (digamma + lnAlpha, betaByA, betaByB);
            dropout[x] = x + shift > 0 ? lnA - Math.Log(b + x + shift - 1) : double.NegativeInfinity;
        }
        var times = d.Times;
        var lnTime = new double[times.Length];
        var inverseTime = new double[times.Length];
        for (var i = 0; i < times.Length; i++)
            (lnTime[i], inverseTime[i]) = (Math.Log(alpha + times[i]), 1 / (alpha + times[i]));

        var wantGradient = gradient is not null;
        var chunks = GroupSum.Chunks(d.Length, (from, to) =>
        {
            var part = new Part(maxX);
            for (var i = from; i < to; i++)
            {
                var (x, count, tx, T) = (d.Frequency[i], d.Count[i], d.Recency[i], d.Age[i]);
                var rx = r + x;
                var alive = -rx * lnTime[T];
                double term,
                    dead;
                if (double.IsNegativeInfinity(dropout[x]))
                    (term, dead) = (alive, 0);
                else
                {
                    // ln(e^alive + e^dropped) and the share of the dropped term, from one exponential.
                    var difference = dropout[x] - rx * lnTime[tx] - alive;
                    var e = Math.Exp(-Math.Abs(difference));
                    term = Math.Max(alive, alive + difference) + Math.Log(1 + e);
                    dead = difference > 0 ? 1 / (1 + e) : e / (1 + e);
                }
                part.LogLikelihood += count * term;
                if (!wantGradient)
                    continue;
                var living = 1 - dead;
                part.ByR -= count * (living * lnTime[T] + dead * lnTime[tx]);
                part.ByAlpha -= count * rx * (living * inverseTime[T] + dead * inverseTime[tx]);
                part.Dead[x] += count * dead;
            }
            return part;
        });

        var total = 0.0;
        for (var x = 0; x <= maxX; x++)
            total += d.CountByFrequency[x] * frequency[x];
        foreach (var part in chunks)
            total += part.LogLikelihood;
        if (gradient is not null)
        {
            double gR = 0,
                gAlpha = d.CustomerCount * r / alpha,
                gA = 0,
                gB = 0;
            for (var x = 0; x <= maxX; x++)
                (gR, gA, gB) = (
                    gR + d.CountByFrequency[x] * byR[x],
                    gA + d.CountByFrequency[x] * byA[x],
                    gB + d.CountByFrequency[x] * byB[x]
                );
            foreach (var part in chunks)
            {
                (gR, gAlpha) = (gR + part.ByR, gAlpha + part.ByAlpha);
                for (var x = 0; x <= maxX; x++)
                    if (part.Dead[x] != 0)
                        (gA, gB) = (gA + part.Dead[x] / a, gB - part.Dead[x] / (b + x + shift - 1));
            }
            (gradient[0], gradient[1], gradient[2], gradient[3]) = (
                r * gR / d.CustomerCount,
                alpha * gAlpha / d.CustomerCount,
                a * gA / d.CustomerCount,
                b * gB / d.CustomerCount
            );
        }
        return total / d.CustomerCount;
    }

    private sealed class Part(int maxFrequency)
    {
        public double LogLikelihood,
            ByR,
            ByAlpha;
        public readonly double[] Dead = new double[maxFrequency + 1];
    }
}

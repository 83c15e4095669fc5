namespace Personalize.Lifetime;

/// <summary>
/// The Pareto/NBD model of Schmittlein, Morrison &amp; Colombo (1987): while alive a customer buys at Poisson rate λ ~
/// Gamma(r, α) and stays alive for an exponential lifetime of rate μ ~ Gamma(s, β). The likelihood and the expressions
/// follow Fader, Hardie &amp; Lee (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions".
/// Parameters: r, alpha, s, beta.
/// </summary>
public sealed class ParetoNbdModel : IPurchaseModel
{
    private readonly double _r,
        _alpha,
        _s,
        _beta;

    public ParetoNbdModel(PurchaseModelParameters parameters)
    {
        if (parameters.Kind != PurchaseModelKind.ParetoNbd)
            throw new ArgumentException("Pareto/NBD parameters expected.", nameof(parameters));
        Parameters = parameters;
        (_r, _alpha, _s, _beta) = (
            parameters.Values[0],
            parameters.Values[1],
            parameters.Values[2],
            parameters.Values[3]
        );
    }

    public ParetoNbdModel(double r, double alpha, double s, double beta)
        : this(new PurchaseModelParameters(PurchaseModelKind.ParetoNbd, r, alpha, s, beta)) { }

    public PurchaseModelParameters Parameters { get; }

    /// <summary>
    /// L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ] (FHL 2005 note, eq. 19), where
    /// s/(r+s+x) · A₀ = s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, the chance of dying between t_x and T.
    /// </summary>
    public double LogLikelihood(int x, double tx, double T) =>
        Constant(_r, _alpha, _s, _beta, x) + Timing(_r, _alpha, _s, _beta, x, tx, T);

    public double LogLikelihood(RepeatPurchaseData data) =>
        MeanLogLikelihood(new RepeatPurchaseColumns(data.Groups), Parameters.Values, null) * data.CustomerCount;

    /// <summary>
    /// The mean log-likelihood per customer of grouped customers: ln F once per distinct (x, t) pair, with each x's
    /// series coefficients computed once (<see cref="UnitAHypergeometric"/>), and ln Γ(r+x)/Γ(r) as a running sum over
    /// x.
    /// </summary>
    /// <summary>
    /// The mean log-likelihood per customer of grouped customers, and when <paramref name="gradient"/> is not null its
    /// derivatives by ln r, ln α, ln s, ln β. ln F and its derivatives are computed once per distinct (x, t) pair, with
    /// each x's series coefficients computed once (<see cref="UnitAHypergeometric"/>); ln Γ(r+x)/Γ(r) is a running sum
    /// over x.
    /// </summary>
    internal static double MeanLogLikelihood(RepeatPurchaseColumns d, IReadOnlyList<double> p, double[]? gradient)
    {
        var (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
        var wantGradient = gradient is not null;
        var times = d.Times;
        var lnAlpha = new double[times.Length];
        var lnBeta = new double[times.Length];
        for (var i = 0; i < times.Length; i++)
            (lnAlpha[i], lnBeta[i]) = (Math.Log(alpha + times[i]), Math.Log(beta + times[i]));
        var logF = new double[d.PairFrequency.Length];
        var logFBy = wantGradient ? new double[4 * logF.Length] : [];
        Parallel.ForEach(d.PairsOfFrequency, pairs =>
        {
            var x = d.PairFrequency[pairs[0]];
            var series = Series(r, alpha, s, beta, x);
            Span<double> by = stackalloc double[4];
            foreach (var pair in pairs)
            {
                var t = d.PairTime[pair];
                logF[pair] = LogF(
                    r,
                    alpha,
                    s,
                    beta,
                    x,
                    times[t],
                    lnAlpha[t],
                    lnBeta[t],
                    series,
                    wantGradient ? by : default
                );
                if (wantGradient)
                    by.CopyTo(logFBy.AsSpan(4 * pair, 4));
            }
        });

        // Per x: the constant ln[Γ(r+x)/Γ(r)] + r ln α + s ln β with its r-derivative, and ln[s/(r+s+x)].
        var maxX = d.MaxFrequency;
        var constant = new double[maxX + 1];
        var constantByR = new double[maxX + 1];
        var dead = new double[maxX + 1];
        var (lnA, lnB) = (Math.Log(alpha), Math.Log(beta));
        for (double x = 0, lnGamma = 0, digamma = 0; x <= maxX; x++)
        {
            if (x > 0)
                (lnGamma, digamma) = (lnGamma + Math.Log(r + x - 1), digamma + 1 / (r + x - 1));
            (constant[(int)x], constantByR[(int)x], dead[(int)x]) = (
                lnGamma + r * lnA + s * lnB,
                digamma + lnA,
                Math.Log(s / (r + s + x))
            );
        }

        var parts = GroupSum.Chunks(d.Length, (from, to) =>
        {
            var part = new double[5];
            for (var i = from; i < to; i++)
            {
                var (x, T, count) = (d.Frequency[i], d.Age[i], d.Count[i]);
                var alive = -(r + x) * lnAlpha[T] - s * lnBeta[T];
                var (high, low) = (logF[d.RecencyPair[i]], logF[d.AgePair[i]]);
                if (!(low < high))
                {
                    part[0] += count * alive;
                    if (wantGradient)
                        AddAlive(part, count, 1, r + x, s, lnAlpha[T], lnBeta[T], alpha + times[T], beta + times[T]);
                    continue;
                }
                var ratio = Math.Exp(low - high);
                var deadTerm = dead[x] + high + LogOneMinusExp(low - high);
                var difference = deadTerm - alive;
                var e = Math.Exp(-Math.Abs(difference));
                part[0] += count * (Math.Max(alive, deadTerm) + Math.Log(1 + e));
                if (!wantGradient)
                    continue;
                var dying = difference > 0 ? 1 / (1 + e) : e / (1 + e);
                AddAlive(part, count, 1 - dying, r + x, s, lnAlpha[T], lnBeta[T], alpha + times[T], beta + times[T]);
                // ∂ ln[s/(r+s+x) · (F(t_x) − F(T))] = ∂ ln[s/(r+s+x)] + (∂ ln F(t_x) − E·∂ ln F(T)) / (1 − E), E =
                // F(T)/F(t_x).
                var (h, l) = (4 * d.RecencyPair[i], 4 * d.AgePair[i]);
                var weight = count * dying / (1 - ratio);
                var k = 1 / (r + s + x);
                part[1] += count * dying * -k + weight * (logFBy[h] - ratio * logFBy[l]);
                part[2] += weight * (logFBy[h + 1] - ratio * logFBy[l + 1]);
                part[3] += count * dying * (1 / s - k) + weight * (logFBy[h + 2] - ratio * logFBy[l + 2]);
                part[4] += weight * (logFBy[h + 3] - ratio * logFBy[l + 3]);
            }
            return part;
        });

        var total = 0.0;
        for (var x = 0; x <= maxX; x++)
            total += d.CountByFrequency[x] * constant[x];
        foreach (var part in parts)
            total += part[0];
        if (gradient is not null)
        {
            double gR = 0;
            for (var x = 0; x <= maxX; x++)
                gR += d.CountByFrequency[x] * constantByR[x];
            double gAlpha = d.CustomerCount * r / alpha,
                gS = d.CustomerCount * lnB,
                gBeta = d.CustomerCount * s / beta;
            foreach (var part in parts)
                (gR, gAlpha, gS, gBeta) = (gR + part[1], gAlpha + part[2], gS + part[3], gBeta + part[4]);
            (gradient[0], gradient[1], gradient[2], gradient[3]) = (
                r * gR / d.CustomerCount,
                alpha * gAlpha / d.CustomerCount,
                s * gS / d.CustomerCount,
                beta * gBeta / d.CustomerCount
            );
        }
        return total / d.CustomerCount;
    }

    // The alive term's derivatives −(r+x) ln(α+T) − s ln(β+T), weighted by its share of the likelihood.
    private static void AddAlive(
        double[] part,
        double count,
        double share,
        double rx,
        double s,
        double lnAlphaT,
        double lnBetaT,
        double alphaT,
        double betaT
    )
    {
        var w = count * share;
        part[1] -= w * lnAlphaT;
        part[2] -= w * rx / alphaT;
        part[3] -= w * lnBetaT;
        part[4] -= w * s / betaT;
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀) (FHL 2005 note, eq.
    /// 18).</summary>
    public double ProbabilityAlive(int x, double tx, double T) =>
        1 / (1 + Math.Exp(LogDeadToAliveOdds(_r, _alpha, _s, _beta, x, tx, T)));

    /// <summary>E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)] (FHL 2005 note, eq. 17; the s = 1 limit is rβ/α · ln(1
    /// + t/β)).</summary>
    public double ExpectedPurchases(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return _r / _alpha * LifetimeIntegral(_s, _beta, t);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive | x, t_x, T) (FHL 2005
    /// note, eq. 22): the posterior mean rate times the expected alive time within t, given alive.
    /// </summary>
    public double ConditionalExpectedPurchases(double t, int x, double tx, double T) =>
        ProbabilityAlive(x, tx, T) * ExpectedPurchasesIfAlive(t, x, T);

    /// <summary>(r+x)/(α+T) · (β+T)/(s−1) · [1 − ((β+T)/(β+T+t))^(s−1)].</summary>
    public double ExpectedPurchasesIfAlive(double t, int x, double T)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0)
            return 0;
        return (_r + x) / (_alpha + T) * LifetimeIntegral(_s, _beta + T, t);
    }

    // E[min(lifetime, t)] for μ ~ Gamma(s, b): b/(s−1) · [1 − (b/(b+t))^(s−1)], written so that s = 1 is no special
    // case.
    private static double LifetimeIntegral(double s, double b, double t)
    {
        var l = SpecialFunctions.Log1P(t / b);
        var y = (s - 1) * l;
        return b * l * (Math.Abs(y) < 1e-12 ? 1 - y / 2 : -SpecialFunctions.ExpM1(-y) / y);
    }

    private static double Constant(double r, double alpha, double s, double beta, int x) =>
        SpecialFunctions.LogGamma(r + x) - SpecialFunctions.LogGamma(r) + r * Math.Log(alpha) + s * Math.Log(beta);

    // ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀].
    private static double Timing(double r, double alpha, double s, double beta, int x, double tx, double T)
    {
        var alive = -(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T);
        var dead = LogDeadTerm(r, alpha, s, beta, x, tx, T);
        return double.IsNegativeInfinity(dead) ? alive : LogSumExp(alive, dead);
    }

    private static double LogDeadToAliveOdds(
        double r,
        double alpha,
        double s,
        double beta,
        int x,
        double tx,
        double T
    ) => LogDeadTerm(r, alpha, s, beta, x, tx, T) + (r + x) * Math.Log(alpha + T) + s * Math.Log(beta + T);

    // ln[s/(r+s+x) · A₀] with A₀ = F(t_x) − F(T), −∞ when t_x = T.
    private static double LogDeadTerm(double r, double alpha, double s, double beta, int x, double tx, double T)
    {
        if (tx >= T)
            return double.NegativeInfinity;
        var series = Series(r, alpha, s, beta, x);
        var high = LogF(r, alpha, s, beta, x, tx, Math.Log(alpha + tx), Math.Log(beta + tx), series);
        var low = LogF(r, alpha, s, beta, x, T, Math.Log(alpha + T), Math.Log(beta + T), series);
        if (!(low < high))
            return double.NegativeInfinity;
        return Math.Log(s / (r + s + x)) + high + LogOneMinusExp(low - high);
    }

    /// <summary>
    /// ln F(t), where F(t) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^(r+s+x) when α ≥ β and
    /// ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+t)) / (β+t)^(r+s+x) otherwise (FHL 2005 note, eqs. 20-21). Euler's
    /// transformation turns both into a ₂F₁(1, b; c; z) with positive terms, b &lt; c (<see cref="Series"/>):
    /// α ≥ β: F = ₂F₁(1, r+x; r+s+x+1; z) / ((α+t)^(r+x) (β+t)^s);
    /// α &lt; β: F = ₂F₁(1, s+1; r+s+x+1; z) · (α+t)^(1−r−x) / (β+t)^(s+1).
    /// When <paramref name="by"/> is not empty it receives ∂ ln F / ∂(r, α, s, β).
    /// </summary>
    private static double LogF(
        double r,
        double alpha,
        double s,
        double beta,
        int x,
        double t,
        double lnAlphaT,
        double lnBetaT,
        UnitAHypergeometric series,
        Span<double> by = default
    )
    {
        var (alphaT, betaT) = (alpha + t, beta + t);
        if (by.IsEmpty)
            return alpha >= beta
                ? Math.Log(series.Evaluate((alpha - beta) / alphaT)) - (r + x) * lnAlphaT - s * lnBetaT
                : Math.Log(series.Evaluate((beta - alpha) / betaT)) + (1 - r - x) * lnAlphaT - (s + 1) * lnBetaT;
        if (alpha >= beta)
        {
            var h = series.Evaluate((alpha - beta) / alphaT, out var hb, out var hc, out var hz);
            (hb, hc, hz) = (hb / h, hc / h, hz / h);
            (by[0], by[1], by[2], by[3]) = (
                hb + hc - lnAlphaT,
                hz * betaT / (alphaT * alphaT) - (r + x) / alphaT,
                hc - lnBetaT,
                -hz / alphaT - s / betaT
            );
            return Math.Log(h) - (r + x) * lnAlphaT - s * lnBetaT;
        }
        var w = series.Evaluate((beta - alpha) / betaT, out var wb, out var wc, out var wz);
        (wb, wc, wz) = (wb / w, wc / w, wz / w);
        (by[0], by[1], by[2], by[3]) = (
            wc - lnAlphaT,
            -wz / betaT + (1 - r - x) / alphaT,
            wb + wc - lnBetaT,
            wz * alphaT / (betaT * betaT) - (s + 1) / betaT
        );
        return Math.Log(w) + (1 - r - x) * lnAlphaT - (s + 1) * lnBetaT;
    }

    private static UnitAHypergeometric Series(double r, double alpha, double s, double beta, int x) =>
        new(alpha >= beta ? r + x : s + 1, r + s + x + 1);

    private static double LogSumExp(double u, double v)
    {
        var max = Math.Max(u, v);
        return max + Math.Log(1 + Math.Exp(-Math.Abs(u - v)));
    }

    // ln(1 − eᵈ) for d &lt; 0, accurate near 0 through expm1.
    private static double LogOneMinusExp(double d) =>
        d < -0.6931 ? Math.Log(1 - Math.Exp(d)) : Math.Log(-SpecialFunctions.ExpM1(d));
}

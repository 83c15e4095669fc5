namespace Personalize.Lifetime;

/// <summary>
/// The Pareto/NBD model of Schmittlein, Morrison &amp; Colombo (1987): while alive a customer buys at Poisson rate
/// λ ~ Gamma(r, α) and stays alive for an exponential lifetime of rate μ ~ Gamma(s, β). The likelihood and the
/// expressions follow Fader, Hardie &amp; Lee (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions".
/// Parameters: r, alpha, s, beta.
/// </summary>
public sealed class ParetoNbdModel : IPurchaseModel
{
    private readonly double _r, _alpha, _s, _beta;

    public ParetoNbdModel(PurchaseModelParameters parameters)
    {
        if (parameters.Kind != PurchaseModelKind.ParetoNbd) throw new ArgumentException("Pareto/NBD parameters expected.", nameof(parameters));
        Parameters = parameters;
        (_r, _alpha, _s, _beta) = (parameters.Values[0], parameters.Values[1], parameters.Values[2], parameters.Values[3]);
    }

    public ParetoNbdModel(double r, double alpha, double s, double beta) : this(new PurchaseModelParameters(PurchaseModelKind.ParetoNbd, r, alpha, s, beta)) { }

    public PurchaseModelParameters Parameters { get; }

    /// <summary>
    /// L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ] (FHL 2005 note, eq. 19), where
    /// s/(r+s+x) · A₀ = s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, the chance of dying between t_x and T.
    /// </summary>
    public double LogLikelihood(int x, double tx, double T) => Constant(_r, _alpha, _s, _beta, x) + Timing(_r, _alpha, _s, _beta, x, tx, T);

    public double LogLikelihood(RepeatPurchaseData data) => LogLikelihood(Parameters.Values.ToArray(), data.Groups);

    internal static double LogLikelihood(double[] p, IReadOnlyList<RepeatPurchaseGroup> groups)
    {
        var (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
        return GroupSum.Sum(groups, (from, to) =>
        {
            var total = 0.0;
            var currentX = -1;
            var constant = 0.0;
            for (var i = from; i < to; i++)
            {
                var g = groups[i];
                if (g.Frequency != currentX) constant = Constant(r, alpha, s, beta, currentX = g.Frequency);
                total += g.Count * (constant + Timing(r, alpha, s, beta, currentX, g.Recency, g.Age));
            }
            return total;
        });
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀) (FHL 2005 note, eq. 18).</summary>
    public double ProbabilityAlive(int x, double tx, double T) => 1 / (1 + Math.Exp(LogDeadToAliveOdds(_r, _alpha, _s, _beta, x, tx, T)));

    /// <summary>E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)] (FHL 2005 note, eq. 17; the s = 1 limit is rβ/α · ln(1 + t/β)).</summary>
    public double ExpectedPurchases(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return _r / _alpha * LifetimeIntegral(_s, _beta, t);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive | x, t_x, T) (FHL 2005 note, eq. 22):
    /// the posterior mean rate times the expected alive time within t, given alive.
    /// </summary>
    public double ConditionalExpectedPurchases(double t, int x, double tx, double T)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0) return 0;
        return (_r + x) / (_alpha + T) * LifetimeIntegral(_s, _beta + T, t) * ProbabilityAlive(x, tx, T);
    }

    // E[min(lifetime, t)] for μ ~ Gamma(s, b): b/(s−1) · [1 − (b/(b+t))^(s−1)], written so that s = 1 is no special case.
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
        if (double.IsNegativeInfinity(dead)) return alive;
        var max = Math.Max(alive, dead);
        return max + Math.Log(Math.Exp(alive - max) + Math.Exp(dead - max));
    }

    private static double LogDeadToAliveOdds(double r, double alpha, double s, double beta, int x, double tx, double T) =>
        LogDeadTerm(r, alpha, s, beta, x, tx, T) + (r + x) * Math.Log(alpha + T) + s * Math.Log(beta + T);

    // ln[s/(r+s+x) · A₀] with A₀ = F(t_x) − F(T), −∞ when t_x = T.
    private static double LogDeadTerm(double r, double alpha, double s, double beta, int x, double tx, double T)
    {
        if (tx >= T) return double.NegativeInfinity;
        var high = LogF(r, alpha, s, beta, x, tx);
        var low = LogF(r, alpha, s, beta, x, T);
        var difference = low - high;
        if (!(difference < 0)) return double.NegativeInfinity;
        return Math.Log(s / (r + s + x)) + high + Math.Log(-SpecialFunctions.ExpM1(difference));
    }

    /// <summary>
    /// ln F(t), where F(t) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^(r+s+x) when α ≥ β and
    /// ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+t)) / (β+t)^(r+s+x) otherwise (FHL 2005 note, eqs. 20-21). Euler's
    /// transformation turns both into a ₂F₁(1, b; c; z) with positive terms, b &lt; c:
    /// α ≥ β: F = ₂F₁(1, r+x; r+s+x+1; z) / ((α+t)^(r+x) (β+t)^s);
    /// α &lt; β: F = ₂F₁(1, s+1; r+s+x+1; z) · (α+t)^(1−r−x) / (β+t)^(s+1).
    /// </summary>
    private static double LogF(double r, double alpha, double s, double beta, int x, double t)
    {
        var c = r + s + x + 1;
        if (alpha >= beta)
        {
            var z = (alpha - beta) / (alpha + t);
            return Math.Log(Hyp2F1WithUnitA(r + x, c, z)) - (r + x) * Math.Log(alpha + t) - s * Math.Log(beta + t);
        }
        var w = (beta - alpha) / (beta + t);
        return Math.Log(Hyp2F1WithUnitA(s + 1, c, w)) + (1 - r - x) * Math.Log(alpha + t) - (s + 1) * Math.Log(beta + t);
    }

    /// <summary>
    /// ₂F₁(1, b; c; z) for 0 ≤ z &lt; 1 and 0 &lt; b &lt; c: Σ (b)ₙ/(c)ₙ zⁿ, whose terms are positive and shrink by
    /// (b+n)/(c+n)·z &lt; z, so the tail after a term is at most term·ratio/(1−ratio). That is fast unless z is near 1
    /// (a few thousand terms reach z ≈ 0.98); beyond, the general routine's 1−z connection formula takes over, whose
    /// series then run in 1−z &lt; 0.02.
    /// </summary>
    internal static double Hyp2F1WithUnitA(double b, double c, double z)
    {
        const int maxTerms = 3_000;
        if (z == 0) return 1;
        double sum = 1, term = 1;
        for (var n = 0; n < maxTerms; n++)
        {
            term *= (b + n) / (c + n) * z;
            sum += term;
            var ratio = (b + n + 1) / (c + n + 1) * z;
            if (term * ratio / (1 - ratio) <= 1e-16 * sum) return sum;
        }
        return NearOne(b, c, z);
    }

    // The connection formula is singular when c − 1 − b is an integer (the general routine then sums a slow series);
    // ₂F₁ is smooth in c, so there it is interpolated from c ± 3·10⁻³ and c ± 6·10⁻³ (cubic through the four, at c).
    private static double NearOne(double b, double c, double z)
    {
        const double h = 3e-3;
        var m = c - 1 - b;
        if (Math.Abs(m - Math.Round(m)) >= 1e-3) return Hypergeometric.Hyp2F1(1, b, c, z);
        return (-Hypergeometric.Hyp2F1(1, b, c - 2 * h, z) + 4 * Hypergeometric.Hyp2F1(1, b, c - h, z)
            + 4 * Hypergeometric.Hyp2F1(1, b, c + h, z) - Hypergeometric.Hyp2F1(1, b, c + 2 * h, z)) / 6;
    }
}

namespace Personalize.Lifetime;

/// <summary>
/// The BG/NBD "buy till you die" model of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way".
/// While alive a customer buys at Poisson rate λ; after each purchase they drop out with probability p.
/// x, t_x, T and t are in the time unit the parameters were fitted in.
/// </summary>
public sealed class BgNbdModel(BgNbdParameters parameters) : IPurchaseModel
{
    public BgNbdParameters Parameters { get; } = parameters;

    PurchaseModelParameters IPurchaseModel.Parameters =>
        new(PurchaseModelKind.BgNbd, Parameters.R, Parameters.Alpha, Parameters.A, Parameters.B);

    /// <summary>Log-likelihood of one customer (FHL 2005 eq. 6).</summary>
    public double LogLikelihood(int x, double tx, double T)
    {
        var (r, alpha, a, b) = Parameters;
        return LogLikelihoodOfFrequency(r, alpha, a, b, x) + LogLikelihoodOfTiming(r, alpha, a, b, x, tx, T);
    }

    /// <summary>Total log-likelihood of grouped customers (<see cref="BetaGeometricLikelihood"/>).</summary>
    public double LogLikelihood(RepeatPurchaseData data) =>
        BetaGeometricLikelihood.Mean(
            new RepeatPurchaseColumns(data.Groups),
            [Parameters.R, Parameters.Alpha, Parameters.A, Parameters.B],
            0,
            null
        ) * data.CustomerCount;

    /// <summary>
    /// P(alive | x, t_x, T) = 1 / (1 + δ(x&gt;0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) (FHL 2005 eq. 13).
    /// A customer who never repeated is alive for sure, since in BG/NBD dropout can only happen right after a purchase.
    /// </summary>
    public double ProbabilityAlive(int x, double tx, double T)
    {
        if (x == 0)
            return 1;
        return 1 / (1 + Math.Exp(LogDeadToAliveOdds(x, tx, T)));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T], the expected number of purchases in the next <paramref name="t"/> time units of a customer
    /// with history (x, t_x, T) (FHL 2005 eq. 10): (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x;
    /// a+b+x−1; t/(α+T+t))] / (1 + δ(x&gt;0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), that is P(alive) times <see
    /// cref="ExpectedPurchasesIfAlive"/>.
    /// </summary>
    public double ConditionalExpectedPurchases(double t, int x, double tx, double T) =>
        ProbabilityAlive(x, tx, T) * ExpectedPurchasesIfAlive(t, x, T);

    /// <summary>(a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))], the numerator of FHL
    /// 2005 eq. 10.</summary>
    public double ExpectedPurchasesIfAlive(double t, int x, double T)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0)
            return 0;
        var (r, alpha, a, b) = Parameters;
        return SmoothThroughOne(a, aa =>
            (aa + b + x - 1) / (aa - 1) * (1 - DiscountedHypergeometric(r, aa, b, x, (alpha + T) / (alpha + T + t)))
        );
    }

    /// <summary>
    /// E[X(t)], the expected number of purchases in the first <paramref name="t"/> time units of a new customer
    /// (FHL 2005 eq. 9): (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))].
    /// </summary>
    public double ExpectedPurchases(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0)
            return 0;
        var (r, alpha, a, b) = Parameters;
        return SmoothThroughOne(a, aa =>
            (aa + b - 1) / (aa - 1) * (1 - DiscountedHypergeometric(r, aa, b, 0, alpha / (alpha + t)))
        );
    }

    /// <summary>
    /// w^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; 1−w), rewritten with Euler's transformation as
    /// w^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; 1−w). Both factors of the original grow or shrink without bound as x
    /// grows (overflowing to ∞·0 for heavy buyers); the rewritten ones stay of moderate size.
    /// </summary>
    internal static double DiscountedHypergeometric(double r, double a, double b, int x, double w) =>
        Math.Pow(w, a - 1) * Hypergeometric.Hyp2F1(a + b - 1 - r, a - 1, a + b + x - 1, 1 - w);

    private double LogDeadToAliveOdds(int x, double tx, double T)
    {
        var (r, alpha, a, b) = Parameters;
        return Math.Log(a / (b + x - 1)) + (r + x) * Math.Log((alpha + T) / (alpha + tx));
    }

    // ln[B(a, b+x)/B(a, b)] + ln[Γ(r+x) α^r / Γ(r)]: the parts of eq. 6 that depend on x only.
    private static double LogLikelihoodOfFrequency(double r, double alpha, double a, double b, int x) =>
        SpecialFunctions.LogGamma(r + x)
        - SpecialFunctions.LogGamma(r)
        + r * Math.Log(alpha)
        + SpecialFunctions.LogGamma(a + b)
        + SpecialFunctions.LogGamma(b + x)
        - SpecialFunctions.LogGamma(b)
        - SpecialFunctions.LogGamma(a + b + x);

    private static double LogLikelihoodOfTiming(
        double r,
        double alpha,
        double a,
        double b,
        int x,
        double tx,
        double T
    ) => Timing(r, alpha, x, tx, T, x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : 0);

    // ln[(α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+t_x)^−(r+x)], computed as a log-sum-exp.
    private static double Timing(double r, double alpha, int x, double tx, double T, double dropoutTerm)
    {
        var alive = -(r + x) * Math.Log(alpha + T);
        if (x == 0)
            return alive;
        var dropped = dropoutTerm - (r + x) * Math.Log(alpha + tx);
        var max = Math.Max(alive, dropped);
        return max + Math.Log(Math.Exp(alive - max) + Math.Exp(dropped - max));
    }

    // The expectations have a removable singularity at a = 1 (a 0/0 factor); there, average the two sides.
    internal static double SmoothThroughOne(double a, Func<double, double> f)
    {
        const double width = 1e-4;
        if (Math.Abs(a - 1) >= width)
            return f(a);
        return 0.5 * (f(a + 2 * width) + f(a - 2 * width));
    }
}

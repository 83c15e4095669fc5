namespace Personalize.Lifetime;

/// <summary>
/// The MBG/NBD model of Batislam, Denizel &amp; Filiztekin (2007): BG/NBD where a customer may also drop out right
/// after the first purchase, so that a customer who never repeated is not certainly alive. λ ~ Gamma(r, α) as in
/// BG/NBD, the dropout probability p ~ Beta(a, b). Parameters: r, alpha, a, b.
/// </summary>
public sealed class MbgNbdModel : IPurchaseModel
{
    private readonly double _r,
        _alpha,
        _a,
        _b;

    public MbgNbdModel(PurchaseModelParameters parameters)
    {
        if (parameters.Kind != PurchaseModelKind.MbgNbd)
            throw new ArgumentException("MBG/NBD parameters expected.", nameof(parameters));
        Parameters = parameters;
        (_r, _alpha, _a, _b) = (parameters.Values[0], parameters.Values[1], parameters.Values[2], parameters.Values[3]);
    }

    public MbgNbdModel(double r, double alpha, double a, double b)
        : this(new PurchaseModelParameters(PurchaseModelKind.MbgNbd, r, alpha, a, b)) { }

    public PurchaseModelParameters Parameters { get; }

    /// <summary>
    /// L = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / Γ(r) · [ (α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x) ]: alive after the
    /// last of x+1 purchase opportunities, or dropped right after the last purchase.
    /// </summary>
    public double LogLikelihood(int x, double tx, double T) =>
        Frequency(_r, _alpha, _a, _b, x) + Timing(_r, _alpha, _a, _b, x, tx, T);

    /// <summary>Total log-likelihood of grouped customers (<see cref="BetaGeometricLikelihood"/>).</summary>
    public double LogLikelihood(RepeatPurchaseData data) =>
        BetaGeometricLikelihood.Mean(new RepeatPurchaseColumns(data.Groups), Parameters.Values, 1, null)
        * data.CustomerCount;

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)), for every x, 0 included.</summary>
    public double ProbabilityAlive(int x, double tx, double T) => 1 / (1 + Math.Exp(LogDeadToAliveOdds(x, tx, T)));

    /// <summary>E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b+1; a+b; t/(α+t))].</summary>
    public double ExpectedPurchases(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0)
            return 0;
        return BgNbdModel.SmoothThroughOne(_a, aa =>
            _b / (aa - 1) * (1 - BgNbdModel.DiscountedHypergeometric(_r, aa, _b + 1, 0, _alpha / (_alpha + t)))
        );
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
    /// / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)): the BG/NBD expression with b+1 for b, for every x; P(alive) times
    /// <see cref="ExpectedPurchasesIfAlive"/>.
    /// </summary>
    public double ConditionalExpectedPurchases(double t, int x, double tx, double T) =>
        ProbabilityAlive(x, tx, T) * ExpectedPurchasesIfAlive(t, x, T);

    /// <summary>(a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))].</summary>
    public double ExpectedPurchasesIfAlive(double t, int x, double T)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0)
            return 0;
        return BgNbdModel.SmoothThroughOne(_a, aa =>
            (aa + _b + x)
            / (aa - 1)
            * (1 - BgNbdModel.DiscountedHypergeometric(_r, aa, _b + 1, x, (_alpha + T) / (_alpha + T + t)))
        );
    }

    private double LogDeadToAliveOdds(int x, double tx, double T) =>
        Math.Log(_a / (_b + x)) + (_r + x) * Math.Log((_alpha + T) / (_alpha + tx));

    private static double Frequency(double r, double alpha, double a, double b, int x) =>
        SpecialFunctions.LogGamma(r + x)
        - SpecialFunctions.LogGamma(r)
        + r * Math.Log(alpha)
        + SpecialFunctions.LogGamma(a + b)
        + SpecialFunctions.LogGamma(b + x + 1)
        - SpecialFunctions.LogGamma(b)
        - SpecialFunctions.LogGamma(a + b + x + 1);

    private static double Timing(double r, double alpha, double a, double b, int x, double tx, double T)
    {
        var alive = -(r + x) * Math.Log(alpha + T);
        var dropped = Math.Log(a) - Math.Log(b + x) - (r + x) * Math.Log(alpha + tx);
        var max = Math.Max(alive, dropped);
        return max + Math.Log(Math.Exp(alive - max) + Math.Exp(dropped - max));
    }
}

using Personalize.Lifetime;
using Xunit.Abstractions;

namespace Personalize.Tests.Lifetime;

/// <summary>
/// Pareto/NBD and MBG/NBD next to BG/NBD on the CDNOW sample (39-week calibration, weeks): the published estimates,
/// and per-customer quantities against the model definitions integrated numerically here, independently of the
/// hypergeometric closed forms.
/// </summary>
public sealed class PurchaseModelTests(ITestOutputHelper output)
{
    private static readonly Lazy<RepeatPurchaseData> Cdnow = new(() =>
        RepeatPurchaseData.FromStatistics(CdnowSample.CalibrationStatistics())
    );

    [Fact]
    public void BgNbd_through_the_common_fitter_reproduces_Fader_Hardie_Lee_2005()
    {
        var fit = PurchaseModelFitter.Fit(PurchaseModelKind.BgNbd, Cdnow.Value);

        Assert.True(fit.Converged, fit.FailureReason);
        var p = fit.Parameters!;
        output.WriteLine($"{p} LL={fit.LogLikelihood:F3} evaluations={fit.Evaluations}");
        AssertWithinPercent(0.243, p["r"]);
        AssertWithinPercent(4.414, p["alpha"]);
        AssertWithinPercent(0.793, p["a"]);
        AssertWithinPercent(2.426, p["b"]);
        AssertWithinPercent(-9582.4, fit.LogLikelihood);
        Assert.False(fit.OnBound);
    }

    [Fact]
    public void ParetoNbd_fit_reproduces_Fader_Hardie_Lee_2005()
    {
        var fit = PurchaseModelFitter.Fit(PurchaseModelKind.ParetoNbd, Cdnow.Value);

        Assert.True(fit.Converged, fit.FailureReason);
        var p = fit.Parameters!;
        output.WriteLine($"{p} LL={fit.LogLikelihood:F3} evaluations={fit.Evaluations}");
        AssertWithinPercent(0.553, p["r"]);
        AssertWithinPercent(10.578, p["alpha"]);
        AssertWithinPercent(0.606, p["s"]);
        AssertWithinPercent(11.669, p["beta"]);
        AssertWithinPercent(-9595.0, fit.LogLikelihood);
        Assert.Equal(fit.LogLikelihood, p.CreateModel().LogLikelihood(Cdnow.Value), 6);
    }

    public static TheoryData<double, double, double, double, int, double, double> ParetoCases =>
        new()
        {
            // The published CDNOW estimates (β > α) on customers of the sample, then α > β, then a far-apart pair (z near
            // 1).
            { 0.553, 10.578, 0.606, 11.669, 0, 0, 38.86 },
            { 0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86 },
            { 0.553, 10.578, 0.606, 11.669, 7, 35.71, 38.86 },
            { 0.553, 10.578, 0.606, 11.669, 1, 1.86, 32.71 },
            { 0.553, 11.669, 0.606, 10.578, 2, 30.43, 38.86 },
            { 0.553, 11.669, 0.606, 10.578, 40, 5.0, 38.86 },
            { 1.2, 80, 0.3, 0.5, 0, 0, 30 },
            { 1.2, 80, 0.3, 0.5, 3, 2, 30 },
            { 0.8, 0.5, 1.0, 60, 5, 10, 30 },
            // Where a store without dropout drives the search (β on its upper bound, z within 10⁻⁴ of 1), r = 1 included,
            // whose connection formula is singular and is interpolated.
            { 1.0, 0.5, 0.3, 5000, 0, 0, 10 },
            { 1.0, 0.5, 0.3, 5000, 3, 4, 10 },
            { 0.7, 0.5, 0.3, 5000, 60, 9, 10 },
            { 2.0, 3000, 0.5, 0.2, 2, 1, 10 },
        };

    [Theory]
    [MemberData(nameof(ParetoCases))]
    public void ParetoNbd_likelihood_alive_and_expectations_match_numeric_integration(
        double r,
        double alpha,
        double s,
        double beta,
        int x,
        double tx,
        double T
    )
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);

        // L = Γ(r+x)α^r β^s/Γ(r) · [(α+T)^−(r+x)(β+T)^−s + s ∫_{t_x}^T (α+τ)^−(r+x)(β+τ)^−(s+1) dτ]: alive at T, or
        // died in (t_x, T].
        var lnConstant =
            SpecialFunctions.LogGamma(r + x) - SpecialFunctions.LogGamma(r) + r * Math.Log(alpha) + s * Math.Log(beta);
        var alive = Math.Pow(alpha + T, -(r + x)) * Math.Pow(beta + T, -s);
        var died = s * Simpson(tau => Math.Pow(alpha + tau, -(r + x)) * Math.Pow(beta + tau, -(s + 1)), tx, T);
        var logLikelihood = lnConstant + Math.Log(alive + died);
        var pAlive = alive / (alive + died);
        // Given alive at T: λ ~ Gamma(r+x, α+T), μ ~ Gamma(s, β+T); expected purchases = E[λ] · ∫_0^t P(still alive at
        // T+u) du.
        const double t = 39;
        var expected = pAlive * (r + x) / (alpha + T) * Simpson(u => Math.Pow((beta + T) / (beta + T + u), s), 0, t);
        var unconditional = r / alpha * Simpson(u => Math.Pow(beta / (beta + u), s), 0, t);

        Assert.Equal(logLikelihood, model.LogLikelihood(x, tx, T), 1e-8);
        Assert.Equal(pAlive, model.ProbabilityAlive(x, tx, T), 1e-9);
        Assert.Equal(expected, model.ConditionalExpectedPurchases(t, x, tx, T), 1e-8);
        Assert.Equal(unconditional, model.ExpectedPurchases(t), 1e-8);
    }

    [Fact]
    public void MbgNbd_fit_matches_its_likelihood_integrated_over_the_dropout_probability()
    {
        var fit = PurchaseModelFitter.Fit(PurchaseModelKind.MbgNbd, Cdnow.Value);

        Assert.True(fit.Converged, fit.FailureReason);
        var p = fit.Parameters!;
        output.WriteLine($"{p} LL={fit.LogLikelihood:F3} evaluations={fit.Evaluations}");
        var (r, alpha, a, b) = (p["r"], p["alpha"], p["a"], p["b"]);
        // Given λ and p: alive after the first purchase and each of x repeats, (1−p)^(x+1) λ^x e^(−λT); or dropped
        // after the last, p(1−p)^x λ^x e^(−λ t_x). λ ~ Gamma(r, α) integrates in closed form; p ~ Beta(a, b)
        // numerically.
        var direct = 0.0;
        foreach (var g in Cdnow.Value.Groups)
        {
            var lnGamma =
                SpecialFunctions.LogGamma(r + g.Frequency) - SpecialFunctions.LogGamma(r) + r * Math.Log(alpha);
            var aliveTime = Math.Exp(lnGamma - (r + g.Frequency) * Math.Log(alpha + g.Age));
            var droppedTime = Math.Exp(lnGamma - (r + g.Frequency) * Math.Log(alpha + g.Recency));
            var x = g.Frequency;
            direct +=
                g.Count
                * Math.Log(
                    BetaExpectation(a, b, q =>
                        Math.Pow(1 - q, x + 1) * aliveTime + q * Math.Pow(1 - q, x) * droppedTime
                    )
                );
        }
        Assert.Equal(direct, fit.LogLikelihood, 1e-4);
        // On CDNOW the extra dropout chance after the first purchase barely changes the fit.
        Assert.InRange(fit.LogLikelihood, -9582.4 * 1.01, -9582.4 * 0.99);
    }

    [Fact]
    public void MbgNbd_alive_and_expectations_agree_with_their_definitions()
    {
        var model = new MbgNbdModel(0.525, 6.18, 0.89, 1.61);
        var (r, alpha, a, b) = (0.525, 6.18, 0.89, 1.61);

        // P(alive) by Bayes over p ~ Beta(a, b) numerically (λ integrated in closed form, the common factor cancels).
        foreach (var (x, tx, T) in new[] { (0, 0.0, 38.86), (2, 30.43, 38.86), (5, 10.0, 38.86) })
        {
            var aliveTime = Math.Pow(alpha + T, -(r + x));
            var droppedTime = Math.Pow(alpha + tx, -(r + x));
            var alive = BetaExpectation(a, b, q => Math.Pow(1 - q, x + 1) * aliveTime);
            var dropped = BetaExpectation(a, b, q => q * Math.Pow(1 - q, x) * droppedTime);
            Assert.Equal(alive / (alive + dropped), model.ProbabilityAlive(x, tx, T), 1e-7);
        }
        // A new customer (x = t_x = T = 0) expects what the unconditional formula says; its first purchases come at
        // rate E[1−p] · E[λ] = b/(a+b) · r/α, since it may drop out right after the first purchase.
        Assert.Equal(model.ExpectedPurchases(39), model.ConditionalExpectedPurchases(39, 0, 0, 0), 1e-9);
        const double h = 1e-4;
        Assert.Equal(b / (a + b) * r / alpha, model.ExpectedPurchases(h) / h, 1e-5);
    }

    [Fact]
    public void Every_model_gives_CLV_through_the_common_interface()
    {
        var spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        var customer = CdnowSample.CalibrationStatistics().First(s => s.Frequency >= 2);
        foreach (var kind in PurchaseModelKindExtensions.All)
        {
            var model = PurchaseModelFitter.Fit(kind, Cdnow.Value).Parameters!.CreateModel();
            var clv = PredictiveClv.Calculate(model, spend, customer);
            output.WriteLine($"{kind}: {clv.Value:F2} over {clv.ExpectedPurchases:F3} purchases");
            Assert.Equal(
                model.ConditionalExpectedPurchases(
                    12 * 365.25 / 12 / 7,
                    customer.Frequency,
                    customer.Recency,
                    customer.Age
                ),
                clv.ExpectedPurchases,
                9
            );
            Assert.InRange(clv.Value, 0.0, clv.ExpectedPurchases * clv.ExpectedSpend);
        }
    }

    /// <summary>E[f(p)] for p ~ Beta(a, b), with substitutions that remove the endpoint singularities of the
    /// density.</summary>
    private static double BetaExpectation(double a, double b, Func<double, double> f)
    {
        var lnBeta = SpecialFunctions.LogBeta(a, b);
        // [0, ½]: p = u^(1/a), so p^(a−1) dp = du/a. [½, 1]: 1−p = v^(1/b), so (1−p)^(b−1) dp = dv/b.
        var lower = Simpson(
            u =>
            {
                var q = Math.Pow(u, 1 / a);
                return Math.Pow(1 - q, b - 1) * f(q) / a;
            },
            0,
            Math.Pow(0.5, a)
        );
        var upper = Simpson(
            v =>
            {
                var q = 1 - Math.Pow(v, 1 / b);
                return Math.Pow(q, a - 1) * f(q) / b;
            },
            0,
            Math.Pow(0.5, b)
        );
        return (lower + upper) / Math.Exp(lnBeta);
    }

    private static double Simpson(Func<double, double> f, double from, double to, int intervals = 20_000)
    {
        if (to <= from)
            return 0;
        var h = (to - from) / intervals;
        var sum = f(from) + f(to);
        for (var i = 1; i < intervals; i++)
            sum += (i % 2 == 1 ? 4 : 2) * f(from + i * h);
        return sum * h / 3;
    }

    private static void AssertWithinPercent(double expected, double actual, double percent = 1)
    {
        var tolerance = Math.Abs(expected) * percent / 100;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"expected {expected} ± {percent} %, got {actual}");
    }
}

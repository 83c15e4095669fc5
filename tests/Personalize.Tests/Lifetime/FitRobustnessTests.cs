using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

public sealed class FitRobustnessTests
{
    [Fact]
    public void BgNbd_converges_from_a_poor_start_and_is_deterministic()
    {
        var data = RepeatPurchaseData.FromStatistics(CdnowSample.CalibrationStatistics());
        var poorStart = new BgNbdParameters(1, 1, 1, 1);

        var first = BgNbdFitter.Fit(data, poorStart);
        var second = BgNbdFitter.Fit(data, poorStart);

        Assert.True(first.Converged, first.FailureReason);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(first.LogLikelihood, second.LogLikelihood);
        Assert.Equal(0.243, first.Parameters!.R, 0.0025);
        Assert.Equal(2.426, first.Parameters.B, 0.025);
    }

    [Fact]
    public void BgNbd_fit_starting_far_away_lands_on_the_same_optimum()
    {
        var data = RepeatPurchaseData.FromStatistics(CdnowSample.CalibrationStatistics());

        var near = BgNbdFitter.Fit(data).GetParametersOrThrow();
        var far = BgNbdFitter.Fit(data, new BgNbdParameters(50, 0.01, 20, 0.05)).GetParametersOrThrow();

        Assert.Equal(near.R, far.R, 1e-3);
        Assert.Equal(near.Alpha, far.Alpha, 1e-2);
        Assert.Equal(near.A, far.A, 1e-3);
        Assert.Equal(near.B, far.B, 1e-2);
    }

    [Fact]
    public void BgNbd_fit_of_nobody_fails_clearly()
    {
        var fit = BgNbdFitter.Fit(new RepeatPurchaseData());

        Assert.False(fit.Converged);
        Assert.Null(fit.Parameters);
        Assert.Contains("no customers", fit.FailureReason);
        Assert.Throws<ModelFitException>(() => fit.GetParametersOrThrow());
    }

    [Fact]
    public void BgNbd_fit_when_nobody_repeats_fails_clearly()
    {
        var data = new RepeatPurchaseData();
        data.Add(0, 0, 30, 500);
        data.Add(0, 0, 35, 400);

        var fit = BgNbdFitter.Fit(data);

        Assert.False(fit.Converged);
        Assert.Contains("repeat", fit.FailureReason);
        var ex = Assert.Throws<ModelFitException>(() => fit.GetParametersOrThrow());
        Assert.Contains("repeat", ex.Message);
    }

    [Fact]
    public void BgNbd_fit_that_runs_into_a_bound_says_so_and_is_still_usable()
    {
        // Everybody bought every week and is still buying: no sign of dropout, so b runs off to infinity.
        var data = new RepeatPurchaseData();
        for (var x = 1; x <= 10; x++)
            data.Add(x, x, x, 100);

        var fit = BgNbdFitter.Fit(data);

        Assert.True(fit.Converged, fit.FailureReason);
        Assert.True(fit.OnBound);
        Assert.Contains("bound", fit.BoundNote);
        Assert.True(double.IsFinite(fit.LogLikelihood));
        Assert.True(new BgNbdModel(fit.Parameters!).ProbabilityAlive(10, 10, 10) > 0.99);
    }

    [Fact]
    public void GammaGamma_fit_of_nobody_or_of_identical_customers_fails_clearly()
    {
        var empty = GammaGammaFitter.Fit(new SpendData());
        var identical = new SpendData();
        identical.Add(2, 20, 50);

        Assert.False(empty.Converged);
        Assert.Contains("no repeat customers", empty.FailureReason);
        Assert.False(GammaGammaFitter.Fit(identical).Converged);
        Assert.Throws<ModelFitException>(() => GammaGammaFitter.Fit(identical).GetParametersOrThrow());
    }

    [Fact]
    public void GammaGamma_fit_is_deterministic()
    {
        var data = SpendData.FromStatistics(CdnowSample.CalibrationStatistics());

        var first = GammaGammaFitter.Fit(data, new GammaGammaParameters(1, 1, 1));
        var second = GammaGammaFitter.Fit(data, new GammaGammaParameters(1, 1, 1));

        Assert.True(first.Converged, first.FailureReason);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(6.25, first.Parameters!.P, 0.07);
    }
}

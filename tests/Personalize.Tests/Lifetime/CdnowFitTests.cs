using Personalize.Lifetime;
using Xunit.Abstractions;

namespace Personalize.Tests.Lifetime;

/// <summary>
/// Reproduces the published CDNOW estimates: 39-week calibration 1997-01-01..1997-09-30, time in weeks, T from the
/// first purchase day to 1997-09-30 (so a customer who first bought on 1997-01-01 has T = 272 days = 38.86 weeks).
/// </summary>
public sealed class CdnowFitTests(ITestOutputHelper output)
{
    private static readonly BgNbdParameters Published = new(R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426);

    [Fact]
    public void Calibration_statistics_match_the_published_summary()
    {
        var stats = CdnowSample.CalibrationStatistics();

        Assert.Equal(2357, stats.Count);
        Assert.Equal(946, stats.Count(s => s.Frequency > 0));
        Assert.Equal(38.86, stats.Max(s => s.Age), 2);
        Assert.Equal(27.0, stats.Min(s => s.Age), 2);
    }

    [Fact]
    public void BgNbd_fit_reproduces_Fader_Hardie_Lee_2005()
    {
        var data = RepeatPurchaseData.FromStatistics(CdnowSample.CalibrationStatistics());

        var fit = BgNbdFitter.Fit(data);

        Assert.True(fit.Converged, fit.FailureReason);
        var p = fit.GetParametersOrThrow();
        output.WriteLine(
            $"r={p.R:F4} alpha={p.Alpha:F4} a={p.A:F4} b={p.B:F4} LL={fit.LogLikelihood:F3} "
                + $"evaluations={fit.Evaluations} groups={data.Groups.Count}"
        );
        AssertWithinPercent(0.243, p.R);
        AssertWithinPercent(4.414, p.Alpha);
        AssertWithinPercent(0.793, p.A);
        AssertWithinPercent(2.426, p.B);
        AssertWithinPercent(-9582.4, fit.LogLikelihood);
        Assert.Equal(fit.LogLikelihood, new BgNbdModel(p).LogLikelihood(data), 6);
    }

    [Fact]
    public void Worked_example_expects_1_226_purchases_in_the_next_39_weeks()
    {
        var fitted = BgNbdFitter
            .Fit(RepeatPurchaseData.FromStatistics(CdnowSample.CalibrationStatistics()))
            .GetParametersOrThrow();

        foreach (var parameters in new[] { Published, fitted })
        {
            var expected = new BgNbdModel(parameters).ConditionalExpectedPurchases(39, x: 2, tx: 30.43, T: 38.86);
            output.WriteLine($"{parameters}: {expected:F4}");
            Assert.Equal(1.226, expected, 0.0015);
        }
    }

    [Fact]
    public void GammaGamma_fit_reproduces_Fader_Hardie_2013()
    {
        var data = SpendData.FromStatistics(CdnowSample.CalibrationStatistics());
        Assert.Equal(946, data.CustomerCount);
        Assert.Equal(0, data.SkippedNonPositiveSpend);

        var fit = GammaGammaFitter.Fit(data);

        Assert.True(fit.Converged, fit.FailureReason);
        var p = fit.GetParametersOrThrow();
        var correlation = GammaGammaModel.FrequencySpendCorrelation(data);
        output.WriteLine(
            $"p={p.P:F4} q={p.Q:F4} gamma={p.Gamma:F4} LL={fit.LogLikelihood:F3} corr(x, zbar)={correlation:F4}"
        );
        AssertWithinPercent(6.25, p.P);
        AssertWithinPercent(3.74, p.Q);
        AssertWithinPercent(15.44, p.Gamma);
        AssertWithinPercent(-4055.92, fit.LogLikelihood);
        Assert.NotNull(correlation);
        Assert.InRange(correlation.Value, -0.3, 0.3);
    }

    [Fact]
    public void Predictive_clv_of_a_cdnow_customer_is_positive_and_below_its_undiscounted_value()
    {
        var stats = CdnowSample.CalibrationStatistics();
        var purchases = new BgNbdModel(Published);
        var spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        var customer = stats.First(s => s.Frequency >= 2);

        var discounted = PredictiveClv.Calculate(purchases, spend, customer);
        var undiscounted = PredictiveClv.Calculate(
            purchases,
            spend,
            customer,
            new PredictiveClvOptions { AnnualDiscountRate = 0 }
        );

        Assert.InRange(discounted.Value, 0.0, undiscounted.Value);
        Assert.Equal(undiscounted.ExpectedPurchases * undiscounted.ExpectedSpend, undiscounted.Value, 9);
    }

    private static void AssertWithinPercent(double expected, double actual, double percent = 1)
    {
        var tolerance = Math.Abs(expected) * percent / 100;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"expected {expected} ± {percent} %, got {actual}");
    }
}

using Personalize.Experiments;

namespace Personalize.Tests.Experiments;

/// <summary>Expected figures computed by hand (Python's math.erfc) from the textbook formulas, not by this
/// code.</summary>
public sealed class ExperimentStatisticsTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1, 0.15865525393145707)]
    [InlineData(-5, 2.866515718791946e-07)]
    [InlineData(8, 0.9999999999999993)]
    public void Normal_cdf_matches_reference_values(double x, double expected) =>
        Assert.Equal(expected, Statistics.NormalCdf(x), 1e-14);

    [Theory]
    [InlineData(3.841458820694124, 1, 0.05)]
    [InlineData(5.991464547107979, 2, 0.05)]
    [InlineData(7.814727903251178, 3, 0.05)]
    [InlineData(15.384615384615385, 1, 8.769942375590239e-05)]
    [InlineData(0.5, 4, 0.9735009788392561)]
    public void Chi_square_survival_matches_reference_values(double statistic, int degrees, double expected) =>
        Assert.Equal(expected, Statistics.ChiSquareSurvival(statistic, degrees), 1e-12);

    [Fact]
    public void Lift_of_130_against_100_conversions_in_1000_each_is_the_hand_computed_one()
    {
        var lift = ExperimentResults.Compare(new ArmCounts(1000, 130, 0), new ArmCounts(1000, 100, 0))!;

        Assert.Equal(0.03, lift.Difference, 1e-12);
        Assert.Equal(2.102740605622114, lift.ZScore, 1e-9);
        Assert.Equal(0.03548845046647473, lift.PValue, 1e-9);
        Assert.True(lift.IsSignificant);
        Assert.Equal(0.0020679344393763656, lift.DifferenceLower, 1e-9);
        Assert.Equal(0.057932065560623636, lift.DifferenceUpper, 1e-9);
        Assert.Equal(0.3, lift.Relative!.Value, 1e-12);
        Assert.Equal(0.01698427097104549, lift.RelativeLower!.Value, 1e-9);
        Assert.Equal(0.6617759470226023, lift.RelativeUpper!.Value, 1e-9);
    }

    [Fact]
    public void Equal_rates_have_no_lift_and_a_p_value_of_one()
    {
        var lift = ExperimentResults.Compare(new ArmCounts(500, 50, 0), new ArmCounts(800, 80, 0))!;

        Assert.Equal(0, lift.Difference, 1e-15);
        Assert.Equal(1, lift.PValue, 1e-12);
        Assert.False(lift.IsSignificant);
    }

    [Fact]
    public void Relative_lift_is_undefined_without_control_conversions_and_its_interval_without_arm_conversions()
    {
        Assert.Null(ExperimentResults.Compare(new ArmCounts(100, 5, 0), new ArmCounts(100, 0, 0))!.Relative);
        var noArmConversion = ExperimentResults.Compare(new ArmCounts(100, 0, 0), new ArmCounts(100, 5, 0))!;
        Assert.Equal(-1, noArmConversion.Relative!.Value, 1e-12);
        Assert.Null(noArmConversion.RelativeLower);
        Assert.Null(ExperimentResults.Compare(new ArmCounts(0, 0, 0), new ArmCounts(100, 5, 0)));
    }

    [Theory]
    [InlineData(5000, 5200, 3.9215686274509802, 0.04767038065616144, false)]
    [InlineData(5000, 5400, 15.384615384615385, 8.769942375590239e-05, true)]
    public void Sample_ratio_mismatch_is_flagged_below_one_in_a_thousand(
        long control,
        long treatment,
        double chiSquare,
        double pValue,
        bool detected
    )
    {
        var experiment = TwoArms(holdout: 0);
        var results = ExperimentResults.From(
            experiment,
            new Dictionary<long, ArmCounts> { [1] = new(control, 0, 0), [2] = new(treatment, 0, 0) },
            ArmCounts.None
        );

        Assert.Equal(chiSquare, results.SampleRatio!.ChiSquare, 1e-9);
        Assert.Equal(1, results.SampleRatio.DegreesOfFreedom);
        Assert.Equal(pValue, results.SampleRatio.PValue, 1e-9);
        Assert.Equal(detected, results.SampleRatio.MismatchDetected);
    }

    [Fact]
    public void The_holdout_is_an_arm_of_its_own_with_its_configured_share()
    {
        // 10 % holdout, the rest 50/50: expected 450 / 450 / 100 of 1,000.
        var results = ExperimentResults.From(
            TwoArms(holdout: 0.1),
            new Dictionary<long, ArmCounts> { [1] = new(450, 45, 900m), [2] = new(450, 60, 1200m) },
            new ArmCounts(100, 8, 100m)
        );

        Assert.Equal(["control", "treatment", null], results.Arms.Select(a => a.Variant?.Key));
        Assert.Equal([0.45, 0.45, 0.1], results.Arms.Select(a => Math.Round(a.ExpectedShare, 12)));
        Assert.Null(results.Arms[0].Lift);
        Assert.Equal(60.0 / 450 - 0.1, results.Arms[1].Lift!.Difference, 1e-12);
        Assert.Equal(0.08 - 0.1, results.Arms[2].Lift!.Difference, 1e-12);
        Assert.Equal(0, results.SampleRatio!.ChiSquare, 1e-9);
        Assert.Equal(2, results.SampleRatio.DegreesOfFreedom);
        Assert.Equal(1000, results.Exposures);
    }

    private static Experiment TwoArms(double holdout) =>
        new()
        {
            Key = "test",
            HoldoutShare = holdout,
            Variants =
            [
                new ExperimentVariant
                {
                    Id = 1,
                    Key = "control",
                    Weight = 1,
                    IsControl = true,
                },
                new ExperimentVariant
                {
                    Id = 2,
                    Key = "treatment",
                    Weight = 1,
                },
            ],
        };
}

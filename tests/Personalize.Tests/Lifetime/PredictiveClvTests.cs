using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

public sealed class PredictiveClvTests
{
    private static readonly BgNbdModel Purchases = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

    [Fact]
    public void With_a_zero_rate_discounting_changes_nothing()
    {
        var options = new PredictiveClvOptions { AnnualDiscountRate = 0, HorizonMonths = 12 };

        var result = PredictiveClv.Calculate(
            Purchases,
            2,
            30.43,
            38.86,
            ClvTimeUnit.Week,
            expectedSpend: 40,
            options: options
        );

        var twelveMonths = 12 * (365.25 / 12) / 7;
        var purchases = Purchases.ConditionalExpectedPurchases(twelveMonths, 2, 30.43, 38.86);
        Assert.Equal(purchases, result.ExpectedPurchases, 12);
        Assert.Equal(purchases * 40, result.Value, 9);
        Assert.Equal(result.ExpectedPurchases, result.MonthlyPurchases.Sum(), 12);
    }

    [Fact]
    public void Each_month_is_discounted_by_the_monthly_equivalent_of_the_annual_rate()
    {
        var options = new PredictiveClvOptions { AnnualDiscountRate = 0.10, HorizonMonths = 24 };

        var result = PredictiveClv.Calculate(
            Purchases,
            2,
            30.43,
            38.86,
            ClvTimeUnit.Week,
            40,
            marginRate: 0.3,
            options
        );

        var monthly = Math.Pow(1.10, 1.0 / 12) - 1;
        var expected = result.MonthlyPurchases.Select((n, i) => n * 40 * 0.3 / Math.Pow(1 + monthly, i + 1)).Sum();
        Assert.Equal(expected, result.Value, 9);
        Assert.Equal(24, result.MonthlyPurchases.Count);
        Assert.All(result.MonthlyPurchases, n => Assert.True(n > 0));
    }

    [Fact]
    public void Time_unit_does_not_change_the_answer_when_the_model_is_rescaled()
    {
        var inDays = new BgNbdModel(new BgNbdParameters(0.243, 4.414 * 7, 0.793, 2.426));

        var weeks = PredictiveClv.Calculate(Purchases, 2, 30.43, 38.86, ClvTimeUnit.Week, 40);
        var days = PredictiveClv.Calculate(inDays, 2, 30.43 * 7, 38.86 * 7, ClvTimeUnit.Day, 40);

        Assert.Equal(weeks.Value, days.Value, 9);
    }

    [Fact]
    public void GammaGamma_expected_spend_shrinks_towards_the_population_mean()
    {
        var spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        var populationMean = 6.25 * 15.44 / (3.74 - 1);

        Assert.Equal(populationMean, spend.ConditionalExpectedAverageSpend(0, 0), 12);
        var oneBigPurchase = spend.ConditionalExpectedAverageSpend(1, 200);
        var manyBigPurchases = spend.ConditionalExpectedAverageSpend(20, 200);
        Assert.InRange(oneBigPurchase, populationMean, manyBigPurchases);
        Assert.InRange(manyBigPurchases, oneBigPurchase, 200);
    }
}

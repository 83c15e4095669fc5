using Personalize.Lifetime;

namespace Personalize.Tests.Lifetime;

public sealed class BgNbdModelTests
{
    private static readonly BgNbdModel Cdnow = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

    [Fact]
    public void A_customer_who_never_repeated_is_alive_for_sure()
    {
        Assert.Equal(1.0, Cdnow.ProbabilityAlive(0, 0, 38.86));
    }

    [Fact]
    public void Probability_alive_falls_as_the_last_purchase_gets_older()
    {
        var recent = Cdnow.ProbabilityAlive(3, 35, 38);
        var old = Cdnow.ProbabilityAlive(3, 5, 38);

        Assert.InRange(old, 0.0, recent);
        Assert.InRange(recent, 0.0, 1.0);
    }

    [Fact]
    public void Conditional_expectation_of_a_brand_new_customer_is_the_unconditional_one()
    {
        // With x = 0 and T = 0 nothing has been observed yet.
        Assert.Equal(Cdnow.ExpectedPurchases(39), Cdnow.ConditionalExpectedPurchases(39, 0, 0, 0), 10);
    }

    [Fact]
    public void Unconditional_expectation_starts_at_the_mean_purchase_rate()
    {
        // Before anyone can drop out, customers buy at the mean rate E[λ] = r / α.
        const double t = 1e-4;
        Assert.Equal(0.243 / 4.414, Cdnow.ExpectedPurchases(t) / t, 4);
    }

    [Fact]
    public void Expectations_are_continuous_through_a_equal_one()
    {
        // At a = 1 the closed forms are 0/0; the value must sit between its neighbours.
        static BgNbdModel WithA(double a) => new(new BgNbdParameters(0.5, 5, a, 2.5));

        Assert.Equal(
            (WithA(0.999).ExpectedPurchases(20) + WithA(1.001).ExpectedPurchases(20)) / 2,
            WithA(1).ExpectedPurchases(20),
            6
        );
        Assert.Equal(
            (
                WithA(0.999).ConditionalExpectedPurchases(20, 2, 10, 30)
                + WithA(1.001).ConditionalExpectedPurchases(20, 2, 10, 30)
            ) / 2,
            WithA(1).ConditionalExpectedPurchases(20, 2, 10, 30),
            6
        );
    }

    [Fact]
    public void Grouped_likelihood_equals_the_sum_over_customers()
    {
        var stats = CdnowSample.CalibrationStatistics();

        var grouped = Cdnow.LogLikelihood(RepeatPurchaseData.FromStatistics(stats));
        var summed = stats.Sum(s => Cdnow.LogLikelihood(s.Frequency, s.Recency, s.Age));

        Assert.Equal(summed, grouped, 6);
        Assert.Equal(-9582.4, grouped, 0.5);
    }

    [Fact]
    public void Long_horizons_use_z_close_to_one_and_stay_finite()
    {
        var inTenYears = Cdnow.ConditionalExpectedPurchases(520, 5, 30, 38.86);
        var inOneYear = Cdnow.ConditionalExpectedPurchases(52, 5, 30, 38.86);

        Assert.True(double.IsFinite(inTenYears));
        Assert.InRange(inOneYear, 0.0, inTenYears);
    }

    [Fact]
    public void Heavy_buyers_do_not_overflow()
    {
        // (α+T)/(α+T+t))^(r+x) underflows and ₂F₁(r+x, ...) overflows for large x; the rewritten product must not.
        var x300 = Cdnow.ConditionalExpectedPurchases(520, 300, 38, 38.86);
        var x300Lapsed = Cdnow.ConditionalExpectedPurchases(520, 300, 30, 38.86);

        Assert.InRange(x300, 100, 10_000);
        Assert.True(double.IsFinite(x300Lapsed));
        Assert.InRange(x300Lapsed, 0.0, 1e-20);
    }
}

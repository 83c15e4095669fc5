using Personalize.Experiments;
using Xunit.Abstractions;

namespace Personalize.Tests.Experiments;

/// <summary>
/// Welch's t-test, the delta method, CUPED and the mSPRT, each against a published worked example or an independent
/// computation written here (numerical integration, another formula, or a seeded simulation of the quantity).
/// </summary>
public sealed class MetricStatisticsTests(ITestOutputHelper output)
{
    /// <summary>Student's t density, integrated by Simpson's rule: an independent route to the tail
    /// probability.</summary>
    private static double TailBySimpson(double t, double df)
    {
        double Density(double x) =>
            Math.Exp(
                Personalize.Lifetime.SpecialFunctions.LogGamma((df + 1) / 2)
                    - Personalize.Lifetime.SpecialFunctions.LogGamma(df / 2)
            )
            / Math.Sqrt(df * Math.PI)
            * Math.Pow(1 + x * x / df, -(df + 1) / 2);
        const int n = 200_000;
        double low = Math.Abs(t),
            high = 400,
            h = (high - low) / n,
            sum = Density(low) + Density(high);
        for (var i = 1; i < n; i++)
            sum += (i % 2 == 1 ? 4 : 2) * Density(low + i * h);
        return sum * h / 3;
    }

    [Fact]
    public void Welch_matches_the_published_example()
    {
        // Wikipedia, "Welch's t-test", example 1 (unequal variances, n = 15 each): t = −2.46, ν ≈ 25.0, p = 0.021.
        double[] a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        double[] a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
        var result = Welch.Test(Sample.Of(a1), Sample.Of(a2))!;

        Assert.Equal(-2.46, result.T, 2);
        Assert.Equal(25.0, result.DegreesOfFreedom, 1);
        Assert.Equal(0.021, result.PValue, 3);
        Assert.Equal(2 * TailBySimpson(result.T, result.DegreesOfFreedom), result.PValue, 8);
        // The interval is the difference ± t(0.975, ν) · SE, and t(0.975, ν) leaves 2.5 % in the tail.
        var q = (result.Upper - result.Difference) / result.StandardError;
        Assert.Equal(0.025, TailBySimpson(q, result.DegreesOfFreedom), 7);
        Assert.Equal(result.Difference, (result.Lower + result.Upper) / 2, 12);
    }

    [Theory]
    [InlineData(2.0, 10.0)]
    [InlineData(0.7, 3.5)]
    [InlineData(3.1, 57.3)]
    [InlineData(1.2, 4.5)]
    public void The_t_distribution_agrees_with_numerical_integration(double t, double df)
    {
        Assert.Equal(TailBySimpson(t, df), Statistics.StudentTCdf(-t, df), 8);
        Assert.Equal(t, Statistics.StudentTQuantile(Statistics.StudentTCdf(t, df), df), 8);
    }

    [Theory]
    [InlineData(-1.2)]
    [InlineData(0.3)]
    [InlineData(7.5)]
    public void The_t_distribution_has_its_closed_forms_for_one_and_two_degrees_of_freedom(double t)
    {
        Assert.Equal(0.5 + Math.Atan(t) / Math.PI, Statistics.StudentTCdf(t, 1), 12); // Cauchy
        Assert.Equal(0.5 + t / (2 * Math.Sqrt(2 + t * t)), Statistics.StudentTCdf(t, 2), 12);
    }

    [Fact]
    public void The_delta_method_agrees_with_the_linearized_residuals_and_with_replications()
    {
        var random = new Random(1601);
        (double[] Revenue, double[] Orders) Draw(int n)
        {
            var orders = new double[n];
            var revenue = new double[n];
            for (var i = 0; i < n; i++)
            {
                orders[i] = random.Next(0, 4);
                for (var k = 0; k < orders[i]; k++)
                    // bigger baskets for frequent buyers
                    revenue[i] += 20 + 80 * random.NextDouble() * (1 + 0.5 * orders[i]);
            }
            return (revenue, orders);
        }

        // 1. Another formula: Var(R) = var((y − R x) / x̄) / n, the variance of the mean of the linearized residuals.
        var (y, x) = Draw(500);
        var estimate = DeltaMethod.Ratio(y, x)!;
        var (ratio, meanX) = (y.Sum() / x.Sum(), x.Average());
        var residuals = y.Select((v, i) => (v - ratio * x[i]) / meanX).ToList();
        Assert.Equal(ratio, estimate.Ratio, 10);
        Assert.Equal(Sample.Of(residuals).Variance / residuals.Count, estimate.Variance, 10);

        // 2. The quantity itself: the spread of R over 2,000 independent replications matches the delta-method variance.
        var ratios = new List<double>();
        var variances = new List<double>();
        for (var r = 0; r < 2000; r++)
        {
            var (ry, rx) = Draw(500);
            var e = DeltaMethod.Ratio(ry, rx)!;
            ratios.Add(e.Ratio);
            variances.Add(e.Variance);
        }
        var empirical = Sample.Of(ratios).Variance;
        output.WriteLine(
            $"variance of R over replications {empirical:0.0000}, mean delta-method variance "
                + $"{variances.Average():0.0000}"
        );
        Assert.InRange(variances.Average() / empirical, 0.9, 1.1);
    }

    [Fact]
    public void Cuped_removes_the_squared_correlation_and_keeps_the_difference_in_expectation()
    {
        var random = new Random(1602);
        var pre = Enumerable
            .Range(0, 4000)
            .Select(_ => random.NextDouble() < 0.6 ? 200 * -Math.Log(1 - random.NextDouble()) : 0)
            .ToArray();
        var arm = Enumerable.Range(0, 4000).Select(i => i % 2).ToArray();
        var post = pre.Select((p, i) => 0.4 * p + 60 * -Math.Log(1 - random.NextDouble()) + (arm[i] == 1 ? 5 : 0))
            .ToArray();

        var (theta, mean) = Cuped.Fit(post, pre);
        var adjusted = Cuped.Adjust(post, pre, theta, mean);

        // θ is the least-squares slope and the reduction is ρ², with ρ from the textbook sums formula.
        double n = pre.Length,
            sx = pre.Sum(),
            sy = post.Sum(),
            sxx = pre.Sum(v => v * v),
            syy = post.Sum(v => v * v),
            sxy = pre.Zip(post).Sum(p => p.First * p.Second);
        var slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        var rho = (n * sxy - sx * sy) / Math.Sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        Assert.Equal(slope, theta, 10);
        Assert.Equal(rho * rho, Cuped.VarianceReduction(post, adjusted), 10);
        output.WriteLine($"θ = {theta:0.000}, variance reduction {Cuped.VarianceReduction(post, adjusted):P1}");

        // The adjusted difference of means is the raw one minus θ times the covariate's difference (which is noise
        // only).
        double Mean(IEnumerable<double> v) => v.Average();
        var raw = Mean(post.Where((_, i) => arm[i] == 1)) - Mean(post.Where((_, i) => arm[i] == 0));
        var cuped = Mean(adjusted.Where((_, i) => arm[i] == 1)) - Mean(adjusted.Where((_, i) => arm[i] == 0));
        var covariateDifference = Mean(pre.Where((_, i) => arm[i] == 1)) - Mean(pre.Where((_, i) => arm[i] == 0));
        Assert.Equal(raw - theta * covariateDifference, cuped, 9);
        // And the standard error is smaller by √(1 − ρ²), near enough (the arms are split evenly).
        var seRaw = Welch
            .Test(
                Sample.Of(post.Where((_, i) => arm[i] == 1).ToList()),
                Sample.Of(post.Where((_, i) => arm[i] == 0).ToList())
            )!
            .StandardError;
        var seCuped = Welch
            .Test(
                Sample.Of(adjusted.Where((_, i) => arm[i] == 1).ToList()),
                Sample.Of(adjusted.Where((_, i) => arm[i] == 0).ToList())
            )!
            .StandardError;
        Assert.Equal(Math.Sqrt(1 - rho * rho), seCuped / seRaw, 2);
    }

    [Theory]
    [InlineData(0.8, 0.09, 0.04)]
    [InlineData(-0.2, 0.01, 0.05)]
    [InlineData(1.5, 0.25, 0.25)]
    public void The_mSPRT_ratio_is_the_mixture_of_likelihood_ratios(double difference, double variance, double tau2)
    {
        // Λ = ∫ φ(θ̂; θ, V) / φ(θ̂; 0, V) · N(θ; 0, τ²) dθ, integrated on a grid of ±12 τ.
        double Normal(double x, double mean, double var) =>
            Math.Exp(-(x - mean) * (x - mean) / (2 * var)) / Math.Sqrt(2 * Math.PI * var);
        const int steps = 200_000;
        var (low, high) = (-12 * Math.Sqrt(tau2), 12 * Math.Sqrt(tau2));
        var h = (high - low) / steps;
        var integral = 0.0;
        for (var i = 0; i <= steps; i++)
        {
            var theta = low + i * h;
            var weight = i == 0 || i == steps ? 0.5 : 1;
            integral +=
                weight * Normal(difference, theta, variance) / Normal(difference, 0, variance) * Normal(theta, 0, tau2);
        }
        Assert.Equal(integral * h, SequentialTest.LikelihoodRatio(difference, variance, tau2), 6);

        // The confidence sequence's edge is where the mixture ratio against that edge reaches 1/α.
        var half = SequentialTest.HalfWidth(variance, tau2, 0.05);
        Assert.Equal(1 / 0.05, SequentialTest.LikelihoodRatio(half, variance, tau2), 8);
    }

    [Fact]
    public void The_always_valid_p_value_only_falls_and_the_confidence_sequence_only_narrows()
    {
        var test = new SequentialTest();
        var random = new Random(1603);
        var (previousP, previousWidth) = (1.0, double.PositiveInfinity);
        for (var n = 100; n <= 5000; n += 100)
        {
            var result = test.Look(random.NextDouble() - 0.5, 4.0 / n, 0.04);
            Assert.True(result.PValue <= previousP);
            Assert.True(result.Upper - result.Lower <= previousWidth);
            (previousP, previousWidth) = (result.PValue, result.Upper - result.Lower);
        }
    }

    /// <summary>
    /// A/A simulation: two arms with the same revenue distribution (20 % buyers, exponential baskets of mean 60), 50
    /// new customers per arm per day, read every day for 30 days, 2,000 seeded runs. Rejecting whenever the daily
    /// fixed-horizon p-value dips below 0.05 finds an effect that is not there far more often than 5 %; the
    /// always-valid p-value does not.
    /// </summary>
    [Fact]
    public void Daily_peeking_inflates_the_fixed_horizon_test_but_not_the_sequential_one()
    {
        const int runs = 2000,
            days = 30,
            perArmPerDay = 50;
        var random = new Random(20261204);
        int peekingRejections = 0,
            sequentialRejections = 0,
            onceRejections = 0;
        for (var run = 0; run < runs; run++)
        {
            var sums = new double[2, 3]; // per arm: n, Σx, Σx²
            var test = new SequentialTest();
            var (peeked, sequential) = (false, false);
            WelchResult? last = null;
            for (var day = 1; day <= days; day++)
            {
                for (var arm = 0; arm < 2; arm++)
                for (var c = 0; c < perArmPerDay; c++)
                {
                    var revenue = random.NextDouble() < 0.2 ? 60 * -Math.Log(1 - random.NextDouble()) : 0;
                    sums[arm, 0]++;
                    sums[arm, 1] += revenue;
                    sums[arm, 2] += revenue * revenue;
                }
                Sample Of(int arm) =>
                    new(
                        sums[arm, 0],
                        sums[arm, 1] / sums[arm, 0],
                        (sums[arm, 2] - sums[arm, 1] * sums[arm, 1] / sums[arm, 0]) / (sums[arm, 0] - 1)
                    );
                var (a, b) = (Of(1), Of(0));
                last = Welch.Test(a, b)!;
                peeked |= last.PValue < 0.05;
                var pooledSd = Math.Sqrt((a.Variance + b.Variance) / 2);
                sequential |=
                    test.Look(
                        last.Difference,
                        last.StandardError * last.StandardError,
                        Math.Pow(SequentialTest.MixtureScale * pooledSd, 2)
                    ).PValue < 0.05;
            }
            peekingRejections += peeked ? 1 : 0;
            sequentialRejections += sequential ? 1 : 0;
            onceRejections += last!.PValue < 0.05 ? 1 : 0;
        }
        double peeking = (double)peekingRejections / runs,
            always = (double)sequentialRejections / runs,
            once = (double)onceRejections / runs;
        output.WriteLine(
            $"false positives over {runs} A/A runs read daily for {days} days: fixed-horizon peeking "
                + $"{peeking:P1}, sequential {always:P1}, fixed-horizon read once at the end {once:P1}"
        );

        Assert.True(peeking > 0.15, $"peeking rejected {peeking:P1}");
        Assert.True(always <= 0.05, $"sequential rejected {always:P1}");
        Assert.InRange(once, 0.03, 0.07); // read once, the fixed-horizon test holds its 5 % (± 3 binomial σ)
    }
}

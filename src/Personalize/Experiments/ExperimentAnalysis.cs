namespace Personalize.Experiments;

/// <summary>What happened to one exposed customer, as the analysis reads it; times are UTC.</summary>
public sealed record ExposedCustomer(
    long? VariantId,
    DateTime ExposedAt,
    double PreExposureSpend,
    IReadOnlyList<(DateTime At, double Amount)> Orders,
    IReadOnlyList<DateTime> Dismissals,
    IReadOnlyList<DateTime> ConsentWithdrawals,
    IReadOnlyList<(DateTime At, double Cost)> RewardCosts,
    DateTime? ConvertedAt
)
{
    public static ExposedCustomer Exposed(long? variantId, DateTime exposedAt) =>
        new(variantId, exposedAt, 0, [], [], [], [], null);
}

public enum ExperimentMetric
{
    [System.ComponentModel.Description(
        "Revenue per exposed customer: orders within the attribution window after "
            + "exposure, CUPED-adjusted by pre-exposure spend."
    )]
    RevenuePerCustomer,

    [System.ComponentModel.Description(
        "Orders per exposed customer within the attribution window, CUPED-adjusted by pre-exposure spend."
    )]
    OrdersPerCustomer,

    [System.ComponentModel.Description("Average order value (revenue / orders of the arm), by the delta method.")]
    AverageOrderValue,

    [System.ComponentModel.Description(
        "Share of exposed customers with a recorded conversion within the attribution window."
    )]
    ConversionRate,

    [System.ComponentModel.Description(
        "Guardrail: share of exposed customers who dismissed content within the window."
    )]
    DismissRate,

    [System.ComponentModel.Description(
        "Guardrail: share of exposed customers who withdrew a consent (personalization "
            + "or marketing email) within the window."
    )]
    ConsentWithdrawalRate,

    [System.ComponentModel.Description(
        "Guardrail: rewards redeemed (their cost) per exposed customer within the window."
    )]
    RewardCostPerCustomer,
}

public enum ExperimentAnalysisKind
{
    [System.ComponentModel.Description(
        "Always-valid p-values and confidence sequences (mSPRT): valid however often the results are read."
    )]
    Sequential,

    [System.ComponentModel.Description(
        "Classical p-values and 95 % intervals: valid only when read once, at a sample size fixed in advance."
    )]
    FixedHorizon,
}

/// <summary>An arm's value of each metric over its exposed customers, at the end of the analysis.</summary>
public sealed record ArmMetrics(
    long Customers,
    double RevenuePerCustomer,
    double OrdersPerCustomer,
    double? AverageOrderValue,
    double ConversionRate,
    double DismissRate,
    double ConsentWithdrawalRate,
    double RewardCostPerCustomer
);

/// <summary>One metric of an arm against the control: fixed-horizon and sequential inference side by side.</summary>
public sealed record MetricComparison(
    ExperimentMetric Metric,
    string Method,
    double Control,
    double Treatment,
    double Difference,
    double? Relative,
    double FixedHorizonPValue,
    double FixedHorizonLower,
    double FixedHorizonUpper,
    double SequentialPValue,
    double SequentialLower,
    double SequentialUpper
)
{
    public bool IsGuardrail =>
        Metric
            is ExperimentMetric.DismissRate
                or ExperimentMetric.ConsentWithdrawalRate
                or ExperimentMetric.RewardCostPerCustomer;

    /// <summary>Customers compared (both arms): those whose attribution window has closed.</summary>
    public long Customers { get; init; }

    public ExperimentAnalysisKind Shown { get; init; } = ExperimentAnalysisKind.Sequential;
    public double PValue => Shown == ExperimentAnalysisKind.Sequential ? SequentialPValue : FixedHorizonPValue;
    public double Lower => Shown == ExperimentAnalysisKind.Sequential ? SequentialLower : FixedHorizonLower;
    public double Upper => Shown == ExperimentAnalysisKind.Sequential ? SequentialUpper : FixedHorizonUpper;
}

/// <summary>The share of a metric's variance CUPED removed (1 − var(adjusted)/var(raw), all arms pooled) and the θ
/// used.</summary>
public sealed record VarianceReduction(ExperimentMetric Metric, double Reduction, double Theta);

/// <summary>The metric analysis of one experiment: arm metrics, comparisons with the control, CUPED reductions, and how
/// many looks the sequential test made.</summary>
public sealed record MetricAnalysis(
    IReadOnlyDictionary<long, ArmMetrics> ByVariant,
    ArmMetrics? Holdout,
    IReadOnlyDictionary<long, IReadOnlyList<MetricComparison>> ComparisonsByVariant,
    IReadOnlyList<MetricComparison> HoldoutComparisons,
    IReadOnlyList<VarianceReduction> VarianceReductions,
    int Looks
);

/// <summary>
/// Computes the metrics of an experiment from its exposed customers, and compares every arm with the control:
/// Welch's t-test per customer metric (revenue and orders CUPED-adjusted), the delta method for average order value,
/// and for each the mSPRT, looked at once a day from the first exposure (each look sees only what was known by then),
/// so the sequential p-value is the one a marketer reading the report every day would have had.
/// </summary>
public static class ExperimentAnalysis
{
    public const int PreExposureDays = 365;
    private const int MaxLooks = 400;

    private static readonly ExperimentMetric[] Metrics = Enum.GetValues<ExperimentMetric>();

    public static MetricAnalysis Analyze(Experiment experiment, IReadOnlyList<ExposedCustomer> customers, DateTime end)
    {
        var control = experiment.Variants.Single(v => v.IsControl).Id;
        var compared = experiment.Variants.Where(v => !v.IsControl).Select(v => (long?)v.Id).Append(null).ToList();
        var window = TimeSpan.FromDays(experiment.AttributionWindowDays);

        var tests = compared.ToDictionary(v => v ?? 0, _ => Metrics.ToDictionary(m => m, _ => (SequentialTest?)null));
        var looks = Looks(customers, window, end);
        Dictionary<
            long,
            Dictionary<ExperimentMetric, (Inference Fixed, double Difference, double Variance, double Scale)>
        > last = [];
        IReadOnlyList<VarianceReduction> reductions = [];
        foreach (var look in looks)
        {
            var values = Values(customers, look, window, completeWindowsOnly: true);
            reductions = ApplyCuped(values);
            last = [];
            foreach (var variant in compared)
            {
                var byMetric = new Dictionary<ExperimentMetric, (Inference, double, double, double)>();
                foreach (var metric in Metrics)
                {
                    if (Compare(values, metric, variant, control) is not { } c)
                        continue;
                    var test = tests[variant ?? 0][metric] ??= new SequentialTest();
                    test.Look(c.Difference, c.Variance, Math.Pow(SequentialTest.MixtureScale * c.Scale, 2));
                    byMetric[metric] = c;
                }
                last[variant ?? 0] = byMetric;
            }
        }

        var complete = Values(customers, end, window, completeWindowsOnly: true);
        var final = Values(customers, end, window, completeWindowsOnly: false);
        var comparisons = compared.ToDictionary(
            v => v ?? 0,
            v =>
                (IReadOnlyList<MetricComparison>)
                    Metrics
                        .Where(m => last.GetValueOrDefault(v ?? 0)?.ContainsKey(m) == true)
                        .Select(m =>
                        {
                            var (fixedResult, difference, _, _) = last[v ?? 0][m];
                            var sequential = tests[v ?? 0][m]!.Current;
                            var (treated, controlValue) = (ArmValue(complete, m, v), ArmValue(complete, m, control));
                            return new MetricComparison(
                                m,
                                fixedResult.Method,
                                controlValue,
                                treated,
                                difference,
                                controlValue == 0 ? null : difference / controlValue,
                                fixedResult.PValue,
                                fixedResult.Lower,
                                fixedResult.Upper,
                                sequential.PValue,
                                sequential.Lower,
                                sequential.Upper
                            )
                            {
                                Customers = (long)(Count(complete, v) + Count(complete, control)),
                            };
                        })
                        // GraphQL floats are finite: a comparison the data cannot bound yet is left out rather than shown as
                        // infinity.
                        .Where(c =>
                            new[]
                            {
                                c.Control,
                                c.Treatment,
                                c.Difference,
                                c.FixedHorizonPValue,
                                c.FixedHorizonLower,
                                c.FixedHorizonUpper,
                                c.SequentialPValue,
                                c.SequentialLower,
                                c.SequentialUpper,
                                c.Relative ?? 0,
                            }.All(double.IsFinite)
                        )
                        .ToList()
        );

        return new MetricAnalysis(
            experiment.Variants.ToDictionary(v => v.Id, v => MetricsOf(final, v.Id)),
            final.Arms.ContainsKey(0) || experiment.HoldoutShare > 0 ? MetricsOf(final, null) : null,
            experiment.Variants.Where(v => !v.IsControl).ToDictionary(v => v.Id, v => comparisons[v.Id]),
            comparisons[0],
            reductions,
            looks.Count
        );
    }

    /// <summary>
    /// One look a day from the day the first attribution window closes to the end (spread out when there would be more
    /// than 400), the end included; none before a window has closed.
    /// </summary>
    public static IReadOnlyList<DateTime> Looks(IReadOnlyList<ExposedCustomer> customers, TimeSpan window, DateTime end)
    {
        if (customers.Count == 0 || customers.Min(c => c.ExposedAt) + window > end)
            return [];
        var start = (customers.Min(c => c.ExposedAt) + window).Date.AddDays(1);
        var days = Math.Max(0, (int)Math.Ceiling((end - start).TotalDays));
        var step = Math.Max(1, (int)Math.Ceiling(days / (double)MaxLooks));
        var looks = new List<DateTime>();
        for (var at = start; at < end; at = at.AddDays(step))
            looks.Add(at);
        looks.Add(end);
        return looks;
    }

    private sealed record Inference(string Method, double PValue, double Lower, double Upper);

    /// <summary>Per arm (key 0 = holdout) and metric, the per-customer values known at a time; revenue and orders also
    /// CUPED-adjusted.</summary>
    private sealed class ArmValues
    {
        public Dictionary<long, Dictionary<ExperimentMetric, List<double>>> Arms { get; } = [];
        public Dictionary<long, List<double>> Covariate { get; } = [];
        public Dictionary<long, Dictionary<ExperimentMetric, double[]>> Adjusted { get; } = [];
    }

    /// <summary>
    /// The comparisons count only customers whose attribution window has closed by the look, so each customer's value
    /// is final when first counted and every look estimates the same difference (what the sequential test assumes);
    /// the arm metrics also count the open windows so far.
    /// </summary>
    private static ArmValues Values(
        IReadOnlyList<ExposedCustomer> customers,
        DateTime at,
        TimeSpan window,
        bool completeWindowsOnly
    )
    {
        var values = new ArmValues();
        foreach (var c in customers)
        {
            if (c.ExposedAt >= at || completeWindowsOnly && c.ExposedAt + window > at)
                continue;
            var key = c.VariantId ?? 0;
            if (!values.Arms.TryGetValue(key, out var arm))
            {
                values.Arms[key] = arm = Metrics.ToDictionary(m => m, _ => new List<double>());
                values.Covariate[key] = [];
            }
            var until = c.ExposedAt + window < at ? c.ExposedAt + window : at;
            bool Within(DateTime t) => t >= c.ExposedAt && t < until;
            double revenue = 0,
                orders = 0,
                cost = 0;
            foreach (var (t, amount) in c.Orders)
                if (Within(t))
                {
                    revenue += amount;
                    orders++;
                }
            foreach (var (t, amount) in c.RewardCosts)
                if (Within(t))
                    cost += amount;
            arm[ExperimentMetric.RevenuePerCustomer].Add(revenue);
            arm[ExperimentMetric.OrdersPerCustomer].Add(orders);
            arm[ExperimentMetric.AverageOrderValue].Add(revenue); // numerators; the denominators are the orders
            arm[ExperimentMetric.ConversionRate].Add(c.ConvertedAt is { } converted && Within(converted) ? 1 : 0);
            arm[ExperimentMetric.DismissRate].Add(c.Dismissals.Any(Within) ? 1 : 0);
            arm[ExperimentMetric.ConsentWithdrawalRate].Add(c.ConsentWithdrawals.Any(Within) ? 1 : 0);
            arm[ExperimentMetric.RewardCostPerCustomer].Add(cost);
            values.Covariate[key].Add(c.PreExposureSpend);
        }
        return values;
    }

    /// <summary>Fits θ per metric on all arms pooled and stores the adjusted values; returns the variance
    /// reductions.</summary>
    private static IReadOnlyList<VarianceReduction> ApplyCuped(ArmValues values)
    {
        var reductions = new List<VarianceReduction>();
        foreach (var metric in new[] { ExperimentMetric.RevenuePerCustomer, ExperimentMetric.OrdersPerCustomer })
        {
            var y = values.Arms.Keys.SelectMany(k => values.Arms[k][metric]).ToList();
            var x = values.Arms.Keys.SelectMany(k => values.Covariate[k]).ToList();
            var (theta, mean) = Cuped.Fit(y, x);
            foreach (var k in values.Arms.Keys)
            {
                if (!values.Adjusted.TryGetValue(k, out var adjusted))
                    values.Adjusted[k] = adjusted = [];
                adjusted[metric] = Cuped.Adjust(values.Arms[k][metric], values.Covariate[k], theta, mean);
            }
            reductions.Add(
                new VarianceReduction(
                    metric,
                    Cuped.VarianceReduction(y, values.Arms.Keys.SelectMany(k => values.Adjusted[k][metric]).ToList()),
                    theta
                )
            );
        }
        return reductions;
    }

    private static (Inference Fixed, double Difference, double Variance, double Scale)? Compare(
        ArmValues values,
        ExperimentMetric metric,
        long? variant,
        long control
    )
    {
        if (
            !values.Arms.TryGetValue(variant ?? 0, out var treated)
            || !values.Arms.TryGetValue(control, out var controlArm)
        )
            return null;
        if (metric == ExperimentMetric.AverageOrderValue)
        {
            var r1 = DeltaMethod.Ratio(treated[metric], treated[ExperimentMetric.OrdersPerCustomer]);
            var r0 = DeltaMethod.Ratio(controlArm[metric], controlArm[ExperimentMetric.OrdersPerCustomer]);
            if (r1 is null || r0 is null)
                return null;
            var (difference, variance) = (r1.Ratio - r0.Ratio, r1.Variance + r0.Variance);
            if (variance <= 0)
                return null;
            var error = Math.Sqrt(variance);
            return (
                new Inference(
                    "delta method, z-test",
                    Statistics.TwoSidedPValue(difference / error),
                    difference - Statistics.Z95 * error,
                    difference + Statistics.Z95 * error
                ),
                difference,
                variance,
                Math.Sqrt(r0.Variance * r0.Count)
            );
        }
        var adjusted = metric is ExperimentMetric.RevenuePerCustomer or ExperimentMetric.OrdersPerCustomer;
        IReadOnlyCollection<double> a = adjusted ? values.Adjusted[variant ?? 0][metric] : treated[metric];
        IReadOnlyCollection<double> b = adjusted ? values.Adjusted[control][metric] : controlArm[metric];
        var (s1, s0) = (Sample.Of(a), Sample.Of(b));
        if (Welch.Test(s1, s0) is not { StandardError: > 0 } welch)
            return null;
        var pooledSd = Math.Sqrt(
            ((s1.Count - 1) * s1.Variance + (s0.Count - 1) * s0.Variance) / (s1.Count + s0.Count - 2)
        );
        return (
            new Inference(
                adjusted ? "Welch t-test on CUPED-adjusted values" : "Welch t-test",
                welch.PValue,
                welch.Lower,
                welch.Upper
            ),
            welch.Difference,
            welch.StandardError * welch.StandardError,
            pooledSd
        );
    }

    private static double Count(ArmValues values, long? variant) =>
        values.Arms.TryGetValue(variant ?? 0, out var arm) ? arm[ExperimentMetric.RevenuePerCustomer].Count : 0;

    private static double ArmValue(ArmValues values, ExperimentMetric metric, long? variant)
    {
        if (!values.Arms.TryGetValue(variant ?? 0, out var arm) || arm[metric].Count == 0)
            return 0;
        if (metric == ExperimentMetric.AverageOrderValue)
        {
            var orders = arm[ExperimentMetric.OrdersPerCustomer].Sum();
            return orders == 0 ? 0 : arm[metric].Sum() / orders;
        }
        return arm[metric].Average();
    }

    private static ArmMetrics MetricsOf(ArmValues values, long? variant)
    {
        if (!values.Arms.TryGetValue(variant ?? 0, out var arm))
            return new ArmMetrics(0, 0, 0, null, 0, 0, 0, 0);
        var orders = arm[ExperimentMetric.OrdersPerCustomer].Sum();
        return new ArmMetrics(
            arm[ExperimentMetric.RevenuePerCustomer].Count,
            ArmValue(values, ExperimentMetric.RevenuePerCustomer, variant),
            ArmValue(values, ExperimentMetric.OrdersPerCustomer, variant),
            orders == 0 ? null : arm[ExperimentMetric.AverageOrderValue].Sum() / orders,
            ArmValue(values, ExperimentMetric.ConversionRate, variant),
            ArmValue(values, ExperimentMetric.DismissRate, variant),
            ArmValue(values, ExperimentMetric.ConsentWithdrawalRate, variant),
            ArmValue(values, ExperimentMetric.RewardCostPerCustomer, variant)
        );
    }
}

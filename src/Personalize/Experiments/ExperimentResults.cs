namespace Personalize.Experiments;

/// <summary>Counts of one arm: customers exposed, customers who converted, and the value of their
/// conversions.</summary>
public sealed record ArmCounts(long Exposures, long Conversions, decimal ConversionValue)
{
    public static readonly ArmCounts None = new(0, 0, 0);
    public double Rate => Exposures == 0 ? 0 : (double)Conversions / Exposures;
}

/// <summary>An arm's results. <see cref="Variant"/> is null for the holdout; <see cref="Lift"/> is null for the
/// control.</summary>
public sealed record ArmResult(ExperimentVariant? Variant, double ExpectedShare, ArmCounts Counts, Lift? Lift)
{
    /// <summary>Revenue, orders and guardrail metrics of the arm's exposed customers.</summary>
    public ArmMetrics? Metrics { get; init; }

    /// <summary>Every metric against the control; empty for the control.</summary>
    public IReadOnlyList<MetricComparison> Comparisons { get; init; } = [];

    public ExperimentAnalysisKind Shown { get; init; } = ExperimentAnalysisKind.Sequential;

    public bool IsHoldout => Variant is null;
}

/// <summary>
/// An arm against the control. The p-value is the pooled two-proportion z-test; the interval of the difference is the
/// unpooled (Wald) 95 % interval; the interval of the relative lift is Katz's log interval of the rate ratio, null when
/// either arm has no conversion.
/// </summary>
public sealed record Lift(
    double Difference,
    double DifferenceLower,
    double DifferenceUpper,
    double? Relative,
    double? RelativeLower,
    double? RelativeUpper,
    double ZScore,
    double PValue
)
{
    public bool IsSignificant => PValue < 0.05;
}

/// <summary>
/// Chi-square goodness-of-fit of the exposures against the configured split; a p-value below
/// <see cref="Threshold"/> means the assignment or the exposure logging is broken and the lifts cannot be trusted.
/// </summary>
public sealed record SampleRatioCheck(double ChiSquare, int DegreesOfFreedom, double PValue)
{
    public const double Threshold = 0.001;
    public bool MismatchDetected => PValue < Threshold;
}

public sealed record ExperimentResults(IReadOnlyList<ArmResult> Arms, SampleRatioCheck? SampleRatio)
{
    public long Exposures => Arms.Sum(a => a.Counts.Exposures);

    public int AttributionWindowDays { get; init; }
    public IReadOnlyList<VarianceReduction> VarianceReductions { get; init; } = [];

    /// <summary>Looks the sequential test made (one a day since the first exposure).</summary>
    public int SequentialLooks { get; init; }
    public ExperimentDecision? Decision { get; init; }

    /// <summary>Allocation and regret of a Thompson-sampling experiment; null for a fixed split.</summary>
    public BanditReport? Bandit { get; init; }

    /// <summary>Which inference the report's p-values and intervals show.</summary>
    public ExperimentAnalysisKind Shown { get; init; } = ExperimentAnalysisKind.Sequential;

    /// <summary>The same results, showing this analysis's p-values and intervals.</summary>
    public ExperimentResults Showing(ExperimentAnalysisKind analysis) =>
        this with
        {
            Shown = analysis,
            Arms = Arms.Select(a =>
                    a with
                    {
                        Shown = analysis,
                        Comparisons = a.Comparisons.Select(c => c with { Shown = analysis }).ToList(),
                    }
                )
                .ToList(),
        };

    /// <summary>Results from the counts per variant id (null key = holdout) and the metric analysis of the exposed
    /// customers.</summary>
    public static ExperimentResults From(
        Experiment experiment,
        IReadOnlyDictionary<long, ArmCounts> byVariant,
        ArmCounts holdout,
        MetricAnalysis analysis,
        BanditReport? bandit = null
    )
    {
        var counted = From(experiment, byVariant, holdout);
        // A bandit's split follows the data on purpose: there is no configured ratio to check against.
        if (experiment.Allocation == ExperimentAllocation.ThompsonSampling)
            counted = counted with { SampleRatio = null };
        var arms = counted
            .Arms.Select(a =>
                a with
                {
                    Metrics = a.Variant is { } v ? analysis.ByVariant.GetValueOrDefault(v.Id) : analysis.Holdout,
                    Comparisons = a.Variant is { } variant
                        ? analysis.ComparisonsByVariant.GetValueOrDefault(variant.Id) ?? []
                        : analysis.HoldoutComparisons,
                }
            )
            .ToList();
        return new ExperimentResults(arms, counted.SampleRatio)
        {
            AttributionWindowDays = experiment.AttributionWindowDays,
            VarianceReductions = analysis.VarianceReductions,
            SequentialLooks = analysis.Looks,
            Decision = ExperimentDecisions.Decide(experiment, analysis, counted.SampleRatio),
            Bandit = bandit,
        };
    }

    /// <summary>Results from the counts per variant id (null key = holdout).</summary>
    public static ExperimentResults From(
        Experiment experiment,
        IReadOnlyDictionary<long, ArmCounts> byVariant,
        ArmCounts holdout
    )
    {
        var totalWeight = (double)experiment.Variants.Sum(v => v.Weight);
        var control = experiment.Variants.Single(v => v.IsControl);
        var controlCounts = byVariant.GetValueOrDefault(control.Id, ArmCounts.None);

        var arms = experiment
            .Variants.OrderBy(v => !v.IsControl)
            .ThenBy(v => v.Key, StringComparer.Ordinal)
            .Select(v =>
            {
                var counts = byVariant.GetValueOrDefault(v.Id, ArmCounts.None);
                return new ArmResult(
                    v,
                    (1 - experiment.HoldoutShare) * v.Weight / totalWeight,
                    counts,
                    v.IsControl ? null : Compare(counts, controlCounts)
                );
            })
            .ToList();
        if (experiment.HoldoutShare > 0)
            arms.Add(new ArmResult(null, experiment.HoldoutShare, holdout, Compare(holdout, controlCounts)));

        return new ExperimentResults(arms, CheckSampleRatio(arms));
    }

    /// <summary>Null when either arm has no exposure (nothing to compare).</summary>
    public static Lift? Compare(ArmCounts treatment, ArmCounts control)
    {
        if (treatment.Exposures == 0 || control.Exposures == 0)
            return null;
        double n1 = treatment.Exposures,
            n0 = control.Exposures,
            c1 = treatment.Conversions,
            c0 = control.Conversions;
        double p1 = c1 / n1,
            p0 = c0 / n0,
            difference = p1 - p0;

        var pooled = (c1 + c0) / (n1 + n0);
        var pooledError = Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
        var z = pooledError == 0 ? 0 : difference / pooledError;

        var error = Math.Sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);

        double? relative = null,
            lower = null,
            upper = null;
        if (c0 > 0)
        {
            relative = p1 / p0 - 1;
            if (c1 > 0)
            {
                var logError = Math.Sqrt(1 / c1 - 1 / n1 + 1 / c0 - 1 / n0);
                lower = Math.Exp(Math.Log(p1 / p0) - Statistics.Z95 * logError) - 1;
                upper = Math.Exp(Math.Log(p1 / p0) + Statistics.Z95 * logError) - 1;
            }
        }
        return new Lift(
            difference,
            difference - Statistics.Z95 * error,
            difference + Statistics.Z95 * error,
            relative,
            lower,
            upper,
            z,
            Statistics.TwoSidedPValue(z)
        );
    }

    /// <summary>Null before any exposure.</summary>
    private static SampleRatioCheck? CheckSampleRatio(IReadOnlyList<ArmResult> arms)
    {
        var total = arms.Sum(a => a.Counts.Exposures);
        if (total == 0 || arms.Count < 2)
            return null;
        var chiSquare = arms.Sum(a =>
        {
            var expected = total * a.ExpectedShare;
            return Math.Pow(a.Counts.Exposures - expected, 2) / expected;
        });
        var degrees = arms.Count - 1;
        return new SampleRatioCheck(chiSquare, degrees, Statistics.ChiSquareSurvival(chiSquare, degrees));
    }
}

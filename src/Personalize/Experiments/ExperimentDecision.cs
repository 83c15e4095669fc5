using System.Globalization;

namespace Personalize.Experiments;

public enum ExperimentVerdict
{
    [System.ComponentModel.Description(
        "Roll the named variant out: it beats the control on revenue per exposed "
            + "customer, net of its reward cost, with no guardrail breached."
    )]
    Ship,

    [System.ComponentModel.Description(
        "End the experiment and keep the control: the split is broken, a guardrail is "
            + "breached, or the variants lose (or, stopped, never differed)."
    )]
    Stop,

    [System.ComponentModel.Description("No conclusion yet: keep collecting exposures.")]
    KeepRunning,
}

/// <summary>What to do with an experiment, why, and the variant to ship (Ship only).</summary>
public sealed record ExperimentDecision(ExperimentVerdict Verdict, string Reason, ExperimentVariant? Variant);

/// <summary>
/// The decision rule, always on the sequential results (valid at any look, whatever analysis the report shows), in
/// order: a sample-ratio mismatch stops; fewer than <see cref="MinCustomersPerArm"/> exposed customers in an arm keeps
/// running; a variant worse than the control on a guardrail (dismiss rate, consent withdrawal) cannot ship; a variant
/// whose revenue per exposed customer beats the control's (always-valid p &lt; α) by more than its extra reward cost
/// ships (the best one); when every variant is worse, or is blocked by a guardrail, or the experiment stopped
/// without a difference, stop; else keep running.
/// </summary>
public static class ExperimentDecisions
{
    public const int MinCustomersPerArm = 100;
    public const double Alpha = 0.05;

    public static ExperimentDecision Decide(
        Experiment experiment,
        MetricAnalysis analysis,
        SampleRatioCheck? sampleRatio
    )
    {
        if (sampleRatio is { MismatchDetected: true })
            return new(
                ExperimentVerdict.Stop,
                Invariant(
                    $"Sample ratio mismatch (χ² p = {sampleRatio.PValue:0.0000} < {SampleRatioCheck.Threshold}): the assignment or the exposure logging is broken, so no result can be trusted."
                ),
                null
            );
        var small = experiment
            .Variants.Where(v => analysis.ByVariant.GetValueOrDefault(v.Id)?.Customers is not >= MinCustomersPerArm)
            .Select(v => v.Key)
            .ToList();
        if (small.Count > 0)
            return new(
                ExperimentVerdict.KeepRunning,
                $"Fewer than {MinCustomersPerArm} exposed customers in {string.Join(", ", small)}.",
                null
            );

        var verdicts = experiment
            .Variants.Where(v => !v.IsControl)
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v =>
            {
                var comparisons = analysis.ComparisonsByVariant.GetValueOrDefault(v.Id) ?? [];
                MetricComparison? Of(ExperimentMetric m) => comparisons.FirstOrDefault(c => c.Metric == m);
                var breached = comparisons
                    .Where(c =>
                        c.Metric is ExperimentMetric.DismissRate or ExperimentMetric.ConsentWithdrawalRate
                        && c.Difference > 0
                        && c.SequentialPValue < Alpha
                    )
                    .ToList();
                var revenue = Of(ExperimentMetric.RevenuePerCustomer);
                var extraCost = Of(ExperimentMetric.RewardCostPerCustomer)?.Difference ?? 0;
                return (Variant: v, Breached: breached, Revenue: revenue, ExtraCost: extraCost);
            })
            .ToList();

        var winners = verdicts
            .Where(x =>
                x.Breached.Count == 0
                && x.Revenue is { SequentialPValue: < Alpha, Difference: > 0 } r
                && r.Difference > extraCostOf(x)
            )
            .OrderByDescending(x => x.Revenue!.Difference - x.ExtraCost)
            .ToList();
        if (winners.Count > 0)
        {
            var best = winners[0];
            return new(
                ExperimentVerdict.Ship,
                Invariant(
                    $"{best.Variant.Key} raises revenue per exposed customer by {best.Revenue!.Difference:0.00} (always-valid p = {best.Revenue.SequentialPValue:0.0000}, 95 % confidence sequence {best.Revenue.SequentialLower:0.00} to {best.Revenue.SequentialUpper:0.00}), more than its extra reward cost of {best.ExtraCost:0.00}, with no guardrail breached."
                ),
                best.Variant
            );
        }

        var breaches = verdicts.Where(x => x.Breached.Count > 0).ToList();
        var losers = verdicts.Where(x => x.Revenue is { SequentialPValue: < Alpha, Difference: < 0 }).ToList();
        if (verdicts.All(x => breaches.Contains(x) || losers.Contains(x)) && verdicts.Count > 0)
        {
            var why = verdicts.Select(x =>
                breaches.Contains(x)
                    ? $"{x.Variant.Key} breaches {string.Join(" and ", x.Breached.Select(b => Name(b.Metric)))}"
                    : Invariant(
                        $"{x.Variant.Key} lowers revenue per exposed customer by {-x.Revenue!.Difference:0.00} (always-valid p = {x.Revenue.SequentialPValue:0.0000})"
                    )
            );
            return new(ExperimentVerdict.Stop, $"{string.Join("; ", why)}: keep the control.", null);
        }
        var bestP = verdicts.Select(x => x.Revenue?.SequentialPValue ?? 1).DefaultIfEmpty(1).Min();
        if (experiment.Status == ExperimentStatus.Stopped)
            return new(
                ExperimentVerdict.Stop,
                Invariant(
                    $"Stopped with no variant significantly better on revenue per exposed customer (smallest always-valid p = {bestP:0.0000}): keep the control."
                ),
                null
            );
        return new(
            ExperimentVerdict.KeepRunning,
            Invariant(
                $"No variant differs significantly from the control on revenue per exposed customer yet (smallest always-valid p = {bestP:0.0000}); reading it again later is safe."
            ),
            null
        );

        static double extraCostOf(
            (ExperimentVariant Variant, List<MetricComparison> Breached, MetricComparison? Revenue, double ExtraCost) x
        ) => x.ExtraCost;
    }

    private static string Name(ExperimentMetric metric) =>
        metric switch
        {
            ExperimentMetric.DismissRate => "the dismiss rate",
            ExperimentMetric.ConsentWithdrawalRate => "consent withdrawals",
            _ => metric.ToString(),
        };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Linq.Expressions;
using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Querying;

namespace Personalize.Lifecycle;

/// <summary>
/// Puts a customer in a lifecycle stage from the order summary and, once scored, the lifetime-value scores, as of a
/// date. The rule is written once, as an expression: the database evaluates it for bulk refreshes, and a compiled
/// copy serves single customers.
/// </summary>
/// <remarks>
/// PROSPECT: no order. NEW: first order within the onboarding window. LAPSED: P(alive) below its floor or a long
/// silence. AT_RISK: P(alive) falling below its threshold, silence past the customer's own rhythm, or a shorter
/// silence. LOYAL: active and in the top predicted-CLV band (before any scores: enough orders and spend). Else ACTIVE.
/// </remarks>
public sealed class LifecycleClassifier
{
    private readonly LifecycleOptions _options;
    private readonly Expression<Func<Customer, StageCutoffs, LifecycleStage>> _rule;
    private readonly Func<Customer, StageCutoffs, LifecycleStage> _compiled;

    public LifecycleClassifier(IOptions<LifecycleOptions> options)
    {
        _options = options.Value;
        var (lapsedBelow, atRiskBelow) = (_options.LapsedBelowProbabilityAlive, _options.AtRiskBelowProbabilityAlive);
        var (minOrders, minSpent) = (_options.LoyalMinOrders, _options.LoyalMinSpent);
        _rule = (c, cut) =>
            c.OrderCount == 0 || c.LastOrderAt == null ? LifecycleStage.Prospect
            : c.FirstOrderAt >= cut.NewIfFirstOrderAfter ? LifecycleStage.New
            : c.LastOrderAt <= cut.LapsedIfLastOrderBefore || c.ProbabilityAlive < lapsedBelow ? LifecycleStage.Lapsed
            : c.LastOrderAt <= cut.AtRiskIfLastOrderBefore
            || c.ProbabilityAlive < atRiskBelow
            || c.RhythmDueAt < cut.AsOf
                ? LifecycleStage.AtRisk
            : cut.LoyalClvThreshold != null
                ? (c.PredictedClv >= cut.LoyalClvThreshold ? LifecycleStage.Loyal : LifecycleStage.Active)
            : (c.OrderCount >= minOrders && c.TotalSpent >= minSpent ? LifecycleStage.Loyal : LifecycleStage.Active);
        _compiled = _rule.Compile();
    }

    public LifecycleOptions Options => _options;

    /// <param name="loyalClvThreshold">The current snapshot's top-band CLV; null when nothing was scored yet.</param>
    public LifecycleStage Classify(Customer customer, DateTime asOf, decimal? loyalClvThreshold) =>
        _compiled(customer, Cutoffs(asOf, loyalClvThreshold));

    /// <summary>The rule for one date, ready for a query or an ExecuteUpdate.</summary>
    public Expression<Func<Customer, LifecycleStage>> StageAsOf(DateTime asOf, decimal? loyalClvThreshold)
    {
        var cutoffs = Expression.Constant(Cutoffs(asOf, loyalClvThreshold));
        var body = new ParameterReplacer(_rule.Parameters[1], cutoffs).Visit(_rule.Body);
        return Expression.Lambda<Func<Customer, LifecycleStage>>(body, _rule.Parameters[0]);
    }

    /// <summary>When a customer becomes overdue for their own rhythm: the last order plus a multiple of their mean
    /// gap.</summary>
    public DateTime? RhythmDueAt(DateTime lastOrderAt, int repeatPurchaseDays, double daysFromFirstToLastPurchase) =>
        repeatPurchaseDays > 0
            ? lastOrderAt.AddDays(_options.OverdueRhythmFactor * daysFromFirstToLastPurchase / repeatPurchaseDays)
            : null;

    private StageCutoffs Cutoffs(DateTime asOf, decimal? loyalClvThreshold) =>
        new(
            asOf,
            asOf.AddDays(-_options.LapsedAfterDays),
            asOf.AddDays(-_options.AtRiskAfterDays),
            asOf.AddDays(-_options.OnboardingDays),
            loyalClvThreshold
        );

    public string Describe(LifecycleStage stage) =>
        stage switch
        {
            LifecycleStage.Prospect => "Known to the store but has not ordered yet (acquisition).",
            LifecycleStage.New => $"First order within the last {_options.OnboardingDays} days (onboarding).",
            LifecycleStage.Active => "Buying at their usual rhythm and likely alive (retention).",
            LifecycleStage.AtRisk => $"P(alive) below {_options.AtRiskBelowProbabilityAlive:0.##}, silent for over "
                + $"{_options.OverdueRhythmFactor:0.#}× their usual gap between purchases, or for "
                + $"{_options.AtRiskAfterDays} days (save before it lapses).",
            LifecycleStage.Lapsed => $"P(alive) below {_options.LapsedBelowProbabilityAlive:0.##} or no order for "
                + $"{_options.LapsedAfterDays} days (reactivation, win-back).",
            LifecycleStage.Loyal => $"Active and in the top {_options.LoyalTopShare:0%} by predicted CLV (before any "
                + $"scores: {_options.LoyalMinOrders}+ orders and {_options.LoyalMinSpent} spent) (advocacy, VIP).",
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };

    /// <summary>The dates and values a customer is compared with; a class so that EF Core parameterizes its
    /// fields.</summary>
    public sealed record StageCutoffs(
        DateTime AsOf,
        DateTime LapsedIfLastOrderBefore,
        DateTime AtRiskIfLastOrderBefore,
        DateTime NewIfFirstOrderAfter,
        decimal? LoyalClvThreshold
    );
}

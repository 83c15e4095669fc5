using System.Linq.Expressions;
using Microsoft.Extensions.Options;
using Personalize.Customers;
using Personalize.Querying;

namespace Personalize.Lifecycle;

/// <summary>
/// Puts a customer in a lifecycle stage from the order summary, as of a date. The rule is written once, as an
/// expression: the database evaluates it for bulk refreshes, and a compiled copy serves single customers.
/// </summary>
public sealed class LifecycleClassifier
{
    private readonly LifecycleOptions _options;
    private readonly Expression<Func<Customer, StageCutoffs, LifecycleStage>> _rule;
    private readonly Func<Customer, StageCutoffs, LifecycleStage> _compiled;

    public LifecycleClassifier(IOptions<LifecycleOptions> options)
    {
        _options = options.Value;
        var minOrders = _options.LoyalMinOrders;
        var minSpent = _options.LoyalMinSpent;
        _rule = (c, cut) =>
            c.OrderCount == 0 || c.LastOrderAt == null ? LifecycleStage.Prospect
            : c.LastOrderAt <= cut.LapsedIfLastOrderBefore ? LifecycleStage.Lapsed
            : c.LastOrderAt <= cut.AtRiskIfLastOrderBefore ? LifecycleStage.AtRisk
            : c.FirstOrderAt >= cut.NewIfFirstOrderAfter ? LifecycleStage.New
            : c.OrderCount >= minOrders && c.TotalSpent >= minSpent ? LifecycleStage.Loyal
            : LifecycleStage.Active;
        _compiled = _rule.Compile();
    }

    public LifecycleStage Classify(Customer customer, DateTime asOf) => _compiled(customer, Cutoffs(asOf));

    /// <summary>The rule for one date, ready for a query or an ExecuteUpdate.</summary>
    public Expression<Func<Customer, LifecycleStage>> StageAsOf(DateTime asOf)
    {
        var cutoffs = Expression.Constant(Cutoffs(asOf));
        var body = new ParameterReplacer(_rule.Parameters[1], cutoffs).Visit(_rule.Body);
        return Expression.Lambda<Func<Customer, LifecycleStage>>(body, _rule.Parameters[0]);
    }

    private StageCutoffs Cutoffs(DateTime asOf) => new(
        asOf.AddDays(-_options.LapsedAfterDays),
        asOf.AddDays(-_options.AtRiskAfterDays),
        asOf.AddDays(-_options.OnboardingDays));

    public string Describe(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Prospect => "Known to the store but has not ordered yet (acquisition).",
        LifecycleStage.New => $"First order within the last {_options.OnboardingDays} days (onboarding).",
        LifecycleStage.Active => $"Ordered within the last {_options.AtRiskAfterDays} days (retention).",
        LifecycleStage.AtRisk => $"No order for {_options.AtRiskAfterDays} to {_options.LapsedAfterDays} days (save before it lapses).",
        LifecycleStage.Lapsed => $"No order for {_options.LapsedAfterDays} days or more (reactivation, win-back).",
        LifecycleStage.Loyal => $"Active, with at least {_options.LoyalMinOrders} orders and {_options.LoyalMinSpent} spent (advocacy, VIP).",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>The dates a customer's orders are compared with; a class so that EF Core parameterizes its fields.</summary>
    public sealed record StageCutoffs(DateTime LapsedIfLastOrderBefore, DateTime AtRiskIfLastOrderBefore, DateTime NewIfFirstOrderAfter);
}

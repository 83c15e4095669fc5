namespace Personalize.Lifetime;

/// <param name="Value">Discounted expected value over the horizon (margin when a margin rate was given, else revenue).</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon, undiscounted.</param>
/// <param name="ExpectedSpend">Expected spend per purchase.</param>
/// <param name="MarginRate">The margin rate applied, or null when the value is revenue.</param>
/// <param name="MonthlyPurchases">Expected purchases in each month of the horizon, undiscounted.</param>
public sealed record PredictiveClvResult(
    double Value,
    double ExpectedPurchases,
    double ExpectedSpend,
    double? MarginRate,
    IReadOnlyList<double> MonthlyPurchases
);

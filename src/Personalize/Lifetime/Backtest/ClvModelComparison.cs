using System.Globalization;

namespace Personalize.Lifetime.Backtest;

/// <summary>
/// One model of a <see cref="ClvModelComparison"/>: its calibration fit and, when it fitted, its holdout predictions
/// (in the order of <see cref="ClvModelComparison.Customers"/>) and their errors.
/// </summary>
public sealed record ClvModelBacktest(
    PurchaseModelKind Kind,
    ModelFit<PurchaseModelParameters> Fit,
    IReadOnlyList<double>? Predicted,
    double PredictedHoldoutPurchases,
    double MeanAbsoluteError,
    double RootMeanSquaredError,
    IReadOnlyList<ClvBacktestFrequencyRow> ByFrequency
)
{
    public bool Fitted => Predicted is not null;
}

/// <summary>Every purchase model back-tested on the same customers and periods (<see
/// cref="ClvBacktest.CompareAsync"/>).</summary>
public sealed record ClvModelComparison(
    ClvBacktestOptions Options,
    long OrdersRead,
    IReadOnlyList<ClvBacktestCustomer> Customers,
    long CalibrationRepeatPurchases,
    long ActualHoldoutPurchases,
    IReadOnlyList<ClvModelBacktest> Models,
    TimeSpan Elapsed
)
{
    /// <summary>The fitted model with the lowest RMSE (the rule `scores recompute` chooses by), if any
    /// fitted.</summary>
    public ClvModelBacktest? Best => Models.Where(m => m.Fitted).MinBy(m => m.RootMeanSquaredError);

    public override string ToString() =>
        F(
            $"Back-tested {Models.Count(m => m.Fitted)} of {Models.Count} models on {Customers.Count:N0} customers, calibration to {Options.CalibrationEnd:yyyy-MM-dd}, holdout to {Options.HoldoutEnd:yyyy-MM-dd}: "
        )
        + (
            Best is { } best
                ? F(
                    $"lowest RMSE {best.RootMeanSquaredError:0.0000} by {best.Kind.DisplayName()} (predicted {best.PredictedHoldoutPurchases:N1} vs actual {ActualHoldoutPurchases:N0})"
                )
                : "no model could be fitted"
        )
        + F($" in {Elapsed.TotalSeconds:0.0} s");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using Personalize.Lifetime.Backtest;

namespace Personalize.Lifetime.Selection;

/// <summary>
/// One model considered by <see cref="PurchaseModelSelector"/>: its fit on the whole history (parameters by name,
/// log-likelihood, BIC, bound note or failure) and, when there was a back-test, its figures there.
/// </summary>
public sealed record PurchaseModelCandidate(
    PurchaseModelKind Kind,
    IReadOnlyDictionary<string, double>? Parameters,
    double? LogLikelihood,
    double? Bic,
    string? BoundNote,
    string? Failure,
    PurchaseModelBacktest? Backtest
)
{
    public bool Usable => Failure is null && Parameters is not null;
}

/// <summary>
/// A candidate's back-test: fitted on the calibration period, its predicted repeat purchase days in the holdout against
/// the actual ones, in total, per customer and by calibration frequency (<see cref="ByFrequency"/>, the rows of <see
/// cref="ClvBacktest.HoldoutByFrequency"/>). Figures are null, and the table empty, when the calibration fit failed.
/// </summary>
public sealed record PurchaseModelBacktest(
    IReadOnlyDictionary<string, double>? Parameters,
    double? CalibrationLogLikelihood,
    long Customers,
    double? PredictedPurchases,
    long ActualPurchases,
    double? MeanAbsoluteError,
    double? RootMeanSquaredError,
    string? BoundNote,
    string? Failure,
    IReadOnlyList<ClvBacktestFrequencyRow>? ByFrequency = null
);

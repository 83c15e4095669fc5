using Personalize.Lifetime.Backtest;

namespace Personalize.Lifetime.Selection;

/// <summary>
/// The outcome of <see cref="PurchaseModelSelector.Select"/>: every candidate's figures, and either the chosen model
/// fitted on the whole history or, when no model fits, why (<see cref="Failure"/>).
/// </summary>
public sealed record PurchaseModelSelection(
    SelectionRule Rule,
    string Reason,
    IReadOnlyList<PurchaseModelCandidate> Candidates,
    ModelFit<PurchaseModelParameters>? Chosen,
    string? Failure
);

/// <summary>What <see cref="PurchaseModelSelector"/> tries and how.</summary>
public sealed record PurchaseModelSelectionOptions
{
    public IReadOnlyList<PurchaseModelKind> Models { get; init; } = PurchaseModelKindExtensions.All;
    public ModelFitOptions Fit { get; init; } = ModelFitOptions.Default;

    /// <summary>A back-test needs at least this many repeat customers in the calibration period.</summary>
    public int MinimumBacktestRepeatCustomers { get; init; } = 30;

    /// <summary>Back-test on a random sample of this many calibration customers when there are more (<see
    /// cref="BacktestSample"/>); 0 = all.</summary>
    public int BacktestSampleCustomers { get; init; }
}

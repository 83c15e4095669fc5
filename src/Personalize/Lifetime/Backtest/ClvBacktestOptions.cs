namespace Personalize.Lifetime.Backtest;

/// <summary>
/// A back-test's periods: the model is fitted on purchases up to and including <see cref="CalibrationEnd"/> and judged
/// on the days after it, up to and including <see cref="HoldoutEnd"/>.
/// </summary>
public sealed record ClvBacktestOptions(
    DateOnly CalibrationEnd,
    DateOnly HoldoutEnd,
    ClvTimeUnit Unit = ClvTimeUnit.Week
)
{
    /// <summary>
    /// Settings of the BG/NBD fit. Where the likelihood has a long flat ridge (online retail: no dropout, a → 0 and
    /// b → ∞, the NBD limit) the default tolerance is not reached; a looser one (1e-10) stops on the ridge.
    /// </summary>
    public ModelFitOptions Fit { get; init; } = ModelFitOptions.Default;

    public int HoldoutDays => HoldoutEnd.DayNumber - CalibrationEnd.DayNumber;

    /// <summary>The holdout's length in <see cref="Unit"/>s: the t of E[Y(t) | x, t_x, T].</summary>
    public double HoldoutLength => Unit.FromDays(HoldoutDays);
}

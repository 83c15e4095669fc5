namespace Personalize.Lifetime.Backtest;

/// <summary>
/// A back-test's periods: the model is fitted on purchases up to and including <see cref="CalibrationEnd"/> and judged on
/// the days after it, up to and including <see cref="HoldoutEnd"/>.
/// </summary>
public sealed record ClvBacktestOptions(DateOnly CalibrationEnd, DateOnly HoldoutEnd, ClvTimeUnit Unit = ClvTimeUnit.Week)
{
    public int HoldoutDays => HoldoutEnd.DayNumber - CalibrationEnd.DayNumber;

    /// <summary>The holdout's length in <see cref="Unit"/>s: the t of E[Y(t) | x, t_x, T].</summary>
    public double HoldoutLength => Unit.FromDays(HoldoutDays);
}

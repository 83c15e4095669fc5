namespace Personalize.Lifetime.Selection;

/// <summary>How the purchase model in use was chosen.</summary>
public enum SelectionRule
{
    /// <summary>Lowest root mean squared error of predicted against actual holdout purchases per customer.</summary>
    Backtest,

    /// <summary>Too little history for a back-test: lowest BIC (k ln n − 2 LL) of the fits on the whole
    /// history.</summary>
    Bic,
}

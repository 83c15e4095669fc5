namespace Personalize.Lifetime.Backtest;

public enum ClvBacktestStage
{
    ReadingOrders,
    Fitting,
    Predicting,
}

/// <summary>Where a back-test is: reported every few thousand customers while reading, then once per stage.</summary>
public sealed record ClvBacktestProgress(
    ClvBacktestStage Stage,
    long OrdersRead,
    long CustomersRead,
    PurchaseModelKind? Model = null
);

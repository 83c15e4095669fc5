namespace Personalize.Kpis;

/// <summary>
/// The order figures of a window for the customers in scope: orders, revenue and buyers in it; repeat buyers, its
/// buyers with at least two orders by its end (a first order before it, or two in it); previous buyers, who ordered
/// in the previous period of the same length, and of them the retained, who ordered again in this one.
/// </summary>
public sealed record OrderFigures(
    int Orders,
    decimal Revenue,
    int Buyers,
    int RepeatBuyers,
    int PreviousBuyers,
    int Retained
)
{
    public decimal? AverageOrderValue => Orders == 0 ? null : Revenue / Orders;

    public Rate? Retention => Rate.Of(Retained, PreviousBuyers);

    /// <summary>1 − retention: the share of the previous period's buyers who did not buy in this one.</summary>
    public double? ChurnRate => Retention is null ? null : 1 - Retention.Value;

    public Rate? RepeatPurchase => Rate.Of(RepeatBuyers, Buyers);

    /// <summary>The value of an order metric (<see cref="KpiMetrics.IsOrderMetric"/>).</summary>
    public double? Value(KpiMetric metric) =>
        metric switch
        {
            KpiMetric.RetentionRate => Retention?.Value,
            KpiMetric.ChurnRate => ChurnRate,
            KpiMetric.RepeatPurchaseRate => RepeatPurchase?.Value,
            KpiMetric.ActiveCustomers => Buyers,
            KpiMetric.Orders => Orders,
            KpiMetric.Revenue => (double)Revenue,
            KpiMetric.AverageOrderValue => (double?)AverageOrderValue,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not an order metric"),
        };
}

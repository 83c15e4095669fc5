namespace Personalize.Acquisition;

/// <summary>
/// What one acquisition channel spent and brought in over a period: the customers whose first order falls in it. <see
/// cref="Channel"/> is null for customers without a recorded channel (and no spend), or for the total row.
/// </summary>
/// <param name="Spend">The channel's monthly spend, each month counted for the share of its time inside the period.</param>
/// <param name="MarginToDate">The acquired customers' orders to date: each order's margin, or its amount when it has none.</param>
/// <param name="PredictedClv">The acquired customers' current predicted CLV (an unscored customer counts 0).</param>
/// <param name="MarginByMonth">
/// MarginToDate split by calendar month after the month of each customer's first order (0 = that month), for payback.
/// </param>
public sealed record ChannelAcquisition(
    string? Channel,
    decimal Spend,
    int AcquiredCustomers,
    decimal MarginToDate,
    decimal PredictedClv,
    IReadOnlyList<decimal> MarginByMonth
)
{
    /// <summary>Customer acquisition cost: spend ÷ customers acquired; null when none was acquired.</summary>
    public decimal? Cac => AcquiredCustomers == 0 ? null : Spend / AcquiredCustomers;

    /// <summary>The value of an acquired customer: (margin to date + predicted CLV) ÷ customers acquired.</summary>
    public decimal? AverageClv => AcquiredCustomers == 0 ? null : (MarginToDate + PredictedClv) / AcquiredCustomers;

    /// <summary>Average CLV ÷ CAC; null when either is undefined or the CAC is 0 (nothing was spent).</summary>
    public double? ClvToCac => Cac is > 0 && AverageClv is { } clv ? (double)(clv / Cac.Value) : null;

    /// <summary>
    /// Months until the acquired customers' cumulative margin per customer reaches the CAC, counted in calendar months
    /// after the month of the first order and interpolated within the month that reaches it (0.5 = half-way through the
    /// first month). 0 when nothing was spent; null when the CAC is undefined or not recovered yet.
    /// </summary>
    public double? PaybackMonths => Payback(Cac, AcquiredCustomers, MarginByMonth);

    public static double? Payback(decimal? cac, int customers, IReadOnlyList<decimal> marginByMonth)
    {
        if (cac is not { } target || customers == 0)
            return null;
        if (target <= 0)
            return 0;
        var cumulative = 0m;
        for (var month = 0; month < marginByMonth.Count; month++)
        {
            var perCustomer = marginByMonth[month] / customers;
            if (perCustomer > 0 && cumulative + perCustomer >= target)
                return month + (double)((target - cumulative) / perCustomer);
            cumulative += perCustomer;
        }
        return null;
    }

    /// <summary>The sum of several rows (months of a period, or channels for the total).</summary>
    public static ChannelAcquisition Sum(string? channel, IEnumerable<ChannelAcquisition> rows)
    {
        var list = rows.ToList();
        var months = list.Count == 0 ? 0 : list.Max(r => r.MarginByMonth.Count);
        return new ChannelAcquisition(
            channel,
            list.Sum(r => r.Spend),
            list.Sum(r => r.AcquiredCustomers),
            list.Sum(r => r.MarginToDate),
            list.Sum(r => r.PredictedClv),
            Enumerable
                .Range(0, months)
                .Select(m => list.Sum(r => m < r.MarginByMonth.Count ? r.MarginByMonth[m] : 0m))
                .ToList()
        );
    }
}

/// <summary>Acquisition over a period [From, To): one row per channel (the unattributed customers too) and the
/// total.</summary>
public sealed record AcquisitionReport(
    DateTime From,
    DateTime To,
    IReadOnlyList<ChannelAcquisition> Channels,
    ChannelAcquisition Total
);

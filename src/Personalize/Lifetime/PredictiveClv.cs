namespace Personalize.Lifetime;

/// <summary>
/// Predictive CLV: expected purchases (a purchase model: BG/NBD, Pareto/NBD or MBG/NBD) × expected spend per purchase
/// (Gamma-Gamma) × margin rate (when known), discounted monthly:
/// <code>
/// CLV = Σ_{m=1..H} (E[Y(t_m) | x, t_x, T] − E[Y(t_{m−1}) | x, t_x, T]) · spend · marginRate / (1 + d)^m
/// </code>
/// where t_m is m mean months (365.25/12 days) in the model's time unit, H the horizon in months and d = (1 + annual
/// rate)^(1/12) − 1. Purchases in month m are discounted by a full month m (end-of-month convention). The purchase
/// model must have been fitted in the same time unit as the customer's statistics.
/// </summary>
public static class PredictiveClv
{
    public static PredictiveClvResult Calculate(
        IPurchaseModel purchases,
        GammaGammaModel spend,
        CustomerStatistics customer,
        PredictiveClvOptions? options = null
    )
    {
        var expectedSpend = spend.ConditionalExpectedAverageSpend(customer.Frequency, (double)customer.MonetaryValue);
        var marginRate = customer.MarginRate is { } rate ? (double)rate : (double?)null;
        return Calculate(
            purchases,
            customer.Frequency,
            customer.Recency,
            customer.Age,
            customer.Unit,
            expectedSpend,
            marginRate,
            options
        );
    }

    public static PredictiveClvResult Calculate(
        IPurchaseModel purchases,
        int x,
        double tx,
        double T,
        ClvTimeUnit unit,
        double expectedSpend,
        double? marginRate = null,
        PredictiveClvOptions? options = null
    ) =>
        Calculate(
            IfAlive(purchases, x, T, unit, options),
            purchases.ProbabilityAlive(x, tx, T),
            expectedSpend,
            marginRate
        );

    /// <summary>The CLV of a customer from the purchases of the customer's (x, T) if alive, shared by every
    /// t_x.</summary>
    public static PredictiveClvResult Calculate(
        AlivePurchases ifAlive,
        double probabilityAlive,
        double expectedSpend,
        double? marginRate
    )
    {
        var perPurchase = expectedSpend * (marginRate ?? 1);
        return new PredictiveClvResult(
            probabilityAlive * ifAlive.Discounted * perPurchase,
            probabilityAlive * ifAlive.Total,
            expectedSpend,
            marginRate,
            ifAlive.Monthly.Select(m => probabilityAlive * m).ToArray()
        );
    }

    /// <summary>
    /// What depends on (x, T) only: the expected purchases of each month of the horizon for a customer still alive, and
    /// their sum undiscounted and discounted (E[Y(t) | x, t_x, T] is P(alive) times this, <see
    /// cref="IPurchaseModel.ExpectedPurchasesIfAlive"/>).
    /// </summary>
    public static AlivePurchases IfAlive(
        IPurchaseModel purchases,
        int x,
        double T,
        ClvTimeUnit unit,
        PredictiveClvOptions? options = null
    )
    {
        options ??= PredictiveClvOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.HorizonMonths);
        if (options.AnnualDiscountRate <= -1)
            throw new ArgumentOutOfRangeException(nameof(options), "The discount rate must exceed −100 %.");

        var monthlyRate = Math.Pow(1 + options.AnnualDiscountRate, 1.0 / 12) - 1;
        var monthLength = unit.FromDays(ClvTimeUnitExtensions.DaysPerMonth);
        var monthly = new double[options.HorizonMonths];
        double previous = 0,
            discounted = 0;
        for (var m = 1; m <= options.HorizonMonths; m++)
        {
            var cumulative = purchases.ExpectedPurchasesIfAlive(m * monthLength, x, T);
            monthly[m - 1] = cumulative - previous;
            discounted += monthly[m - 1] / Math.Pow(1 + monthlyRate, m);
            previous = cumulative;
        }
        return new AlivePurchases(monthly, previous, discounted);
    }
}

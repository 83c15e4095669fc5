namespace Personalize.Lifetime;

/// <summary>
/// What the lifetime-value models need to know about one customer, as of a day. Built by <see
/// cref="FromTransactions"/>; transactions after the as-of day are ignored.
/// </summary>
/// <remarks>
/// Purchases are counted per calendar day, as is usual for buy-till-you-die models: several orders on one day are one
/// purchase occasion.
/// <list type="bullet">
/// <item><see cref="Frequency"/> (x): distinct purchase days after the first purchase day.</item>
/// <item><see cref="Recency"/> (t_x): from the first to the last purchase day, in <see cref="Unit"/>s (0 when x = 0).</item>
/// <item><see cref="Age"/> (T): from the first purchase day to the as-of day, in <see cref="Unit"/>s.</item>
/// <item><see cref="MonetaryValue"/> (z̄): mean spend per repeat purchase day, where a day's spend is the sum of that
/// day's transactions and the first purchase day is left out (0 when x = 0). This is the convention of Fader &amp;
/// Hardie's CDNOW summary, under which the Gamma-Gamma estimates p = 6.25, q = 3.74, γ = 15.44 are reproduced.</item>
/// </list>
/// </remarks>
public sealed record CustomerStatistics
{
    private const double DaysPerYear = 365.25;

    public required DateOnly AsOf { get; init; }
    public required ClvTimeUnit Unit { get; init; }

    /// <summary>x: repeat purchase days.</summary>
    public required int Frequency { get; init; }

    /// <summary>t_x: time of the last purchase day since the first, in <see cref="Unit"/>s.</summary>
    public required double Recency { get; init; }

    /// <summary>T: time from the first purchase day to the as-of day, in <see cref="Unit"/>s.</summary>
    public required double Age { get; init; }

    /// <summary>z̄: mean spend per repeat purchase day (first day excluded); 0 when there is no repeat
    /// purchase.</summary>
    public required decimal MonetaryValue { get; init; }

    /// <summary>All transactions up to the as-of day, the first day included.</summary>
    public required decimal Revenue { get; init; }
    public required int OrderCount { get; init; }
    public required DateTime FirstOrderAt { get; init; }
    public required DateTime LastOrderAt { get; init; }

    /// <summary>Whole days from the first purchase day to the as-of day (T in days).</summary>
    public required int TenureDays { get; init; }

    /// <summary>Sum of the margins, or null when any transaction up to the as-of day has no known margin.</summary>
    public required decimal? TotalMargin { get; init; }

    public decimal AverageOrderValue => Revenue / OrderCount;

    /// <summary>
    /// Length of the relationship in years of 365.25 days, counting the first purchase day as a whole day so that a
    /// customer who first bought on the as-of day has a finite purchase rate.
    /// </summary>
    public double YearsOfRelationship => (TenureDays + 1) / DaysPerYear;

    public double PurchasesPerYear => OrderCount / YearsOfRelationship;

    /// <summary>
    /// Historical CLV = average order value × purchases per year × years of relationship. With the rate measured
    /// over the same relationship, this is the revenue to date; it is spelled out because it is the textbook formula.
    /// </summary>
    public decimal HistoricalClv => AverageOrderValue * (decimal)(PurchasesPerYear * YearsOfRelationship);

    /// <summary>
    /// Margin-based historical CLV = (total margin / order count) × purchases per year × years of relationship,
    /// i.e. the gross margin to date; null unless every transaction up to the as-of day has a margin.
    /// </summary>
    public decimal? HistoricalMarginClv =>
        TotalMargin is { } margin ? margin / OrderCount * (decimal)(PurchasesPerYear * YearsOfRelationship) : null;

    /// <summary>Margin as a share of revenue, when margins are known and revenue is not zero.</summary>
    public decimal? MarginRate => TotalMargin is { } margin && Revenue != 0 ? margin / Revenue : null;

    /// <returns>The statistics, or null when the customer had not bought anything by the as-of day.</returns>
    public static CustomerStatistics? FromTransactions(
        IEnumerable<CustomerTransaction> transactions,
        DateOnly asOf,
        ClvTimeUnit unit = ClvTimeUnit.Week
    )
    {
        var asOfDay = asOf.ToDateTime(TimeOnly.MinValue);
        var accumulator = new CustomerStatisticsAccumulator();
        foreach (var t in transactions.Where(t => t.Time.Date <= asOfDay).OrderBy(t => t.Time))
            accumulator.Add(t.Time, t.Amount, t.Margin);
        return accumulator.Build(asOf, unit);
    }
}

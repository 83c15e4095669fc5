using Personalize.Lifetime;

namespace Personalize.Scores;

/// <summary>Bound from the "Scores" section.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scores";

    /// <summary>The unit BG/NBD is fitted in (α is reported in it).</summary>
    public ClvTimeUnit TimeUnit { get; set; } = ClvTimeUnit.Week;
    /// <summary>Months of future purchases the predicted CLV counts.</summary>
    public int HorizonMonths { get; set; } = 12;
    /// <summary>Annual rate the predicted CLV is discounted at (monthly compounding).</summary>
    public double AnnualDiscountRate { get; set; } = 0.10;
    /// <summary>Snapshots kept in the database (older ones and their per-customer rows are deleted).</summary>
    public int KeepSnapshots { get; set; } = 3;
}

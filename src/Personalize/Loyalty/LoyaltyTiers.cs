namespace Personalize.Loyalty;

/// <summary>Tiers by rolling 12-month spend, and the points an order earns.</summary>
public sealed class LoyaltyTiers(LoyaltyOptions options)
{
    public const int RollingMonths = 12;

    private readonly IReadOnlyList<LoyaltyTier> _tiers = options.OrderedTiers();

    public IReadOnlyList<LoyaltyTier> All => _tiers;

    public LoyaltyTier For(decimal rollingSpend) => _tiers.LastOrDefault(t => rollingSpend >= t.MinSpend) ?? _tiers[0];

    public LoyaltyTier? Next(LoyaltyTier tier) => _tiers.SkipWhile(t => t != tier).Skip(1).FirstOrDefault();

    /// <summary>Rank of a tier name (0 = lowest), or null when no such tier is configured.</summary>
    public int? Rank(string name)
    {
        for (var i = 0; i < _tiers.Count; i++)
            if (string.Equals(_tiers[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        return null;
    }

    /// <summary>Points for an order: amount × rate × the multiplier of the tier the customer held before it (spend in
    /// the 12 months before), rounded down.</summary>
    public int PointsFor(decimal amount, decimal spendInPrior12Months) =>
        (int)Math.Floor(amount * options.PointsPerCurrencyUnit * For(spendInPrior12Months).Multiplier);

    /// <summary>Start of the rolling window that ends at <paramref name="time"/>.</summary>
    public static DateTime WindowStart(DateTime time) => time.AddMonths(-RollingMonths);
}

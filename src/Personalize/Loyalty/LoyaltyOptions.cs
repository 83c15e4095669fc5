namespace Personalize.Loyalty;

/// <summary>Points, tiers, referrals and expiry. Bound from "Loyalty".</summary>
public sealed class LoyaltyOptions
{
    public const string Section = "Loyalty";

    /// <summary>Points per currency unit of an order's amount, before the tier multiplier (rounded down).</summary>
    public decimal PointsPerCurrencyUnit { get; set; } = 1m;

    /// <summary>Points expire this many months after they were credited (the oldest are spent first).</summary>
    public int ExpiryMonths { get; set; } = 24;
    public int ReferrerPoints { get; set; } = 500;
    public int RefereePoints { get; set; } = 250;

    /// <summary>Tiers by spend over the rolling last 12 months, by name.</summary>
    public Dictionary<string, LoyaltyTierOptions> Tiers { get; set; } =
        new()
        {
            ["MEMBER"] = new() { MinSpend = 0m, Multiplier = 1.0m },
            ["SILVER"] = new() { MinSpend = 500m, Multiplier = 1.25m },
            ["GOLD"] = new() { MinSpend = 1500m, Multiplier = 1.5m },
            ["PLATINUM"] = new() { MinSpend = 4000m, Multiplier = 2.0m },
        };

    /// <summary>The tiers, lowest first.</summary>
    public IReadOnlyList<LoyaltyTier> OrderedTiers() =>
        Tiers
            .Select(t => new LoyaltyTier(t.Key.ToUpperInvariant(), t.Value.MinSpend, t.Value.Multiplier))
            .OrderBy(t => t.MinSpend)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
}

public sealed class LoyaltyTierOptions
{
    public decimal MinSpend { get; set; }
    public decimal Multiplier { get; set; } = 1m;
}

public sealed record LoyaltyTier(string Name, decimal MinSpend, decimal Multiplier);

using Personalize.Loyalty;

namespace Personalize.Tests.Rewards;

public sealed class LoyaltyLedgerTests
{
    private static readonly DateTime Jan = new(2025, 1, 10, 0, 0, 0, DateTimeKind.Utc);
    private static long _id;

    private static LoyaltyEntry Entry(LoyaltyEntryKind kind, int points, DateTime at) =>
        new()
        {
            Id = Interlocked.Increment(ref _id),
            Kind = kind,
            Points = points,
            OccurredAt = at,
            Reference = $"r{_id}",
        };

    [Fact]
    public void Points_expire_after_the_configured_months_as_of_any_date()
    {
        LoyaltyEntry[] entries =
        [
            Entry(LoyaltyEntryKind.Earn, 100, Jan),
            Entry(LoyaltyEntryKind.Earn, 50, Jan.AddMonths(6)),
        ];
        Assert.Equal(150, LoyaltyLedger.Balance(entries, Jan.AddMonths(12).AddDays(-1), expiryMonths: 12));
        Assert.Equal(50, LoyaltyLedger.Balance(entries, Jan.AddMonths(12), expiryMonths: 12));
        Assert.Equal(0, LoyaltyLedger.Balance(entries, Jan.AddMonths(18), expiryMonths: 12));
        // Before anything happened, nothing counts.
        Assert.Equal(0, LoyaltyLedger.Balance(entries, Jan.AddDays(-1), expiryMonths: 12));
    }

    [Fact]
    public void Spending_uses_the_oldest_points_first_so_only_the_unspent_rest_expires()
    {
        LoyaltyEntry[] entries =
        [
            Entry(LoyaltyEntryKind.Earn, 100, Jan),
            Entry(LoyaltyEntryKind.Earn, 80, Jan.AddMonths(3)),
            Entry(LoyaltyEntryKind.Spend, -120, Jan.AddMonths(4)),
        ];
        var lines = LoyaltyLedger.Read(entries, Jan.AddMonths(20), expiryMonths: 12);

        // The spend used all 100 of January and 20 of April; April's remaining 60 expire in April next year.
        Assert.Equal(
            [LoyaltyEntryKind.Earn, LoyaltyEntryKind.Earn, LoyaltyEntryKind.Spend, LoyaltyEntryKind.Expire],
            lines.Select(l => l.Kind)
        );
        Assert.Equal(-60, lines[3].Points);
        Assert.Equal(Jan.AddMonths(15), lines[3].OccurredAt);
        Assert.Equal(0, lines[^1].BalanceAfter);
    }

    [Fact]
    public void Reading_twice_as_of_the_same_date_gives_the_same_ledger()
    {
        LoyaltyEntry[] entries =
        [
            Entry(LoyaltyEntryKind.Earn, 100, Jan),
            Entry(LoyaltyEntryKind.Referral, 500, Jan.AddMonths(2)),
            Entry(LoyaltyEntryKind.Spend, -30, Jan.AddMonths(13)),
        ];
        Assert.Equal(
            LoyaltyLedger.Read(entries, Jan.AddMonths(30), 12),
            LoyaltyLedger.Read(entries.Reverse().ToArray(), Jan.AddMonths(30), 12)
        );
    }

    [Fact]
    public void Tiers_follow_the_rolling_spend_thresholds_and_multiply_earned_points()
    {
        var tiers = new LoyaltyTiers(new LoyaltyOptions());
        Assert.Equal("MEMBER", tiers.For(499.99m).Name);
        Assert.Equal("SILVER", tiers.For(500m).Name);
        Assert.Equal("GOLD", tiers.For(1500m).Name);
        Assert.Equal("PLATINUM", tiers.For(10_000m).Name);
        Assert.Null(tiers.Next(tiers.For(10_000m)));
        Assert.Equal(99, tiers.PointsFor(99.99m, spendInPrior12Months: 0m)); // 1 point per unit, rounded down
        Assert.Equal(150, tiers.PointsFor(100m, spendInPrior12Months: 1600m)); // GOLD × 1.5
    }

    [Fact]
    public void Configured_tiers_replace_the_defaults_by_name()
    {
        var options = new LoyaltyOptions { PointsPerCurrencyUnit = 2m };
        options.Tiers["GOLD"] = new LoyaltyTierOptions { MinSpend = 1000m, Multiplier = 3m };
        var tiers = new LoyaltyTiers(options);
        Assert.Equal("GOLD", tiers.For(1000m).Name);
        Assert.Equal(600, tiers.PointsFor(100m, 1200m));
    }
}

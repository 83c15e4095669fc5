namespace Personalize.Lifecycle;

/// <summary>Stage thresholds, bound from the "Lifecycle" section.</summary>
public sealed class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>A customer whose first order is at most this many days old is NEW.</summary>
    public int OnboardingDays { get; set; } = 30;
    /// <summary>No order for this many days makes an active customer AT_RISK.</summary>
    public int AtRiskAfterDays { get; set; } = 90;
    /// <summary>No order for this many days makes a customer LAPSED.</summary>
    public int LapsedAfterDays { get; set; } = 180;
    /// <summary>An active customer with at least this many orders is LOYAL...</summary>
    public int LoyalMinOrders { get; set; } = 8;
    /// <summary>...and at least this much spent in total.</summary>
    public decimal LoyalMinSpent { get; set; } = 1000m;
}

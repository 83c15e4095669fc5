namespace Personalize.Lifecycle;

/// <summary>Stage thresholds, bound from the "Lifecycle" section.</summary>
public sealed class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>A customer whose first order is at most this many days old is NEW.</summary>
    public int OnboardingDays { get; set; } = 30;

    /// <summary>No order for this many days makes a customer AT_RISK, whatever the scores say.</summary>
    public int AtRiskAfterDays { get; set; } = 120;

    /// <summary>No order for this many days makes a customer LAPSED, whatever the scores say.</summary>
    public int LapsedAfterDays { get; set; } = 365;

    /// <summary>P(alive) below this makes a customer AT_RISK.</summary>
    public double AtRiskBelowProbabilityAlive { get; set; } = 0.5;

    /// <summary>P(alive) below this makes a customer LAPSED.</summary>
    public double LapsedBelowProbabilityAlive { get; set; } = 0.2;

    /// <summary>Silence longer than this many times the customer's own mean gap between purchase days makes them
    /// AT_RISK.</summary>
    public double OverdueRhythmFactor { get; set; } = 2.5;

    /// <summary>The share of scored customers with the highest predicted CLV that is LOYAL when active (the top
    /// band).</summary>
    public double LoyalTopShare { get; set; } = 0.2;

    /// <summary>How often the running service re-judges stages as time passes.</summary>
    public int RefreshIntervalMinutes { get; set; } = 60;

    /// <summary>Before any scores exist: an active customer with at least this many orders...</summary>
    public int LoyalMinOrders { get; set; } = 8;

    /// <summary>...and at least this much spent in total is LOYAL.</summary>
    public decimal LoyalMinSpent { get; set; } = 1000m;
}

namespace Personalize.Events;

/// <summary>Bound from the "Events" section: what time-driven events look for and how long events are kept.</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>How often the time-driven events (abandoned carts, expiring points and offers, tracked segments, tiers)
    /// are looked for.</summary>
    public int ScanIntervalSeconds { get; set; } = 60;

    /// <summary>An add-to-cart with no purchase of that item within this time is an abandoned cart.</summary>
    public int CartAbandonedAfterMinutes { get; set; } = 60;

    /// <summary>Add-to-carts older than this are not looked at (so a first scan of an old store does not announce years
    /// of carts).</summary>
    public int CartLookBackDays { get; set; } = 7;

    /// <summary>Points and offers expiring within this horizon are announced, once each.</summary>
    public int ExpiringWithinDays { get; set; } = 7;

    /// <summary>Events older than this are deleted by the scan, unless a delivery of theirs is still pending.</summary>
    public int RetentionDays { get; set; } = 30;
}

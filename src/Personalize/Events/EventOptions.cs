namespace Personalize.Events;

/// <summary>Bound from the "Events" section: what time-driven events look for, and how webhooks are delivered.</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>How often the time-driven events (abandoned carts, expiring points and offers, tracked segments, tiers) are looked for.</summary>
    public int ScanIntervalSeconds { get; set; } = 60;

    /// <summary>An add-to-cart with no purchase of that item within this time is an abandoned cart.</summary>
    public int CartAbandonedAfterMinutes { get; set; } = 60;

    /// <summary>Add-to-carts older than this are not looked at (so a first scan of an old store does not announce years of carts).</summary>
    public int CartLookBackDays { get; set; } = 7;

    /// <summary>Points and offers expiring within this horizon are announced, once each.</summary>
    public int ExpiringWithinDays { get; set; } = 7;

    /// <summary>Events older than this are deleted by the scan, unless a delivery of theirs is still pending.</summary>
    public int RetentionDays { get; set; } = 30;

    public WebhookOptions Webhooks { get; set; } = new();
}

public sealed class WebhookOptions
{
    /// <summary>Attempts before a delivery is dead (until replayed).</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The first retry waits about this long; each next one twice as long (with jitter), up to <see cref="MaxDelaySeconds"/>.</summary>
    public double BaseDelaySeconds { get; set; } = 5;
    public double MaxDelaySeconds { get; set; } = 3600;
    /// <summary>A receiver slower than this fails the attempt.</summary>
    public double TimeoutSeconds { get; set; } = 10;
    /// <summary>How long an instance holds a delivery it took; an instance that dies mid-delivery frees it after this.</summary>
    public double LeaseSeconds { get; set; } = 30;
    /// <summary>Deliveries taken per round.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>How often an idle instance looks for events written by other instances.</summary>
    public double PollSeconds { get; set; } = 1;
    /// <summary>Defaults for new endpoints: parallel requests and requests per second.</summary>
    public int DefaultMaxConcurrency { get; set; } = 8;
    public int DefaultMaxPerSecond { get; set; } = 500;
    /// <summary>Whether this instance delivers webhooks (true on every instance by default; leases share the work).</summary>
    public bool Deliver { get; set; } = true;
}

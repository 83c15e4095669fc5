namespace Personalize.Webhooks;

/// <summary>Bound from the "Events:Webhooks" section: how webhooks are delivered.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Events:Webhooks";

    /// <summary>Attempts before a delivery is dead (until replayed).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits about this long; each next one twice as long (with jitter), up to <see
    /// cref="MaxDelaySeconds"/>.</summary>
    public double BaseDelaySeconds { get; set; } = 5;
    public double MaxDelaySeconds { get; set; } = 3600;

    /// <summary>A receiver slower than this fails the attempt.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>How long an instance holds a delivery it took; an instance that dies mid-delivery frees it after
    /// this.</summary>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>Deliveries taken per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How often an idle instance looks for events written by other instances.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>After a round that found less than a full batch, how long new events gather before the next one (a
    /// full batch is followed at once), and how long receivers' answers gather before their outcomes are stored: a
    /// busy storefront appends events many times a second, and a round or a transaction per event would compete with
    /// its writes for the database.</summary>
    public double GatherSeconds { get; set; } = 0.25;

    /// <summary>Defaults for new endpoints: parallel requests and requests per second.</summary>
    public int DefaultMaxConcurrency { get; set; } = 8;
    public int DefaultMaxPerSecond { get; set; } = 500;

    /// <summary>Whether this instance delivers webhooks (true on every instance by default; leases share the
    /// work).</summary>
    public bool Deliver { get; set; } = true;
}

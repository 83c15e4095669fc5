using Personalize.Common;
using Personalize.Events;

namespace Personalize.Webhooks;

/// <summary>A receiver of events: where they go, which ones, and the secrets that sign them.</summary>
public class WebhookEndpoint
{
    public long Id { get; set; }
    public string Url { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>The event types it receives, comma-separated; empty: every type.</summary>
    public string EventTypes { get; set; } = "";

    /// <summary>Only customers in these stages (at fan-out); none: every stage.</summary>
    public LifecycleStageSet Stages { get; set; }

    /// <summary>Only members of this segment (at fan-out); null: everyone.</summary>
    public long? SegmentId { get; set; }

    /// <summary>The signing secret, "whsec_" + base64 of 32 random bytes.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The secret before the last rotation; requests are signed with both until <see
    /// cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }
    public DateTime? PreviousSecretExpiresAt { get; set; }
    public int MaxConcurrency { get; set; }
    public int MaxPerSecond { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>The last event (by <see cref="CustomerEvent.Id"/>) already turned into deliveries for this
    /// endpoint.</summary>
    public long FannedOutTo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool Wants(CustomerEventType type) =>
        EventTypes.Length == 0 || EventTypes.Split(',').Contains(CustomerEvents.WireName(type));

    /// <summary>The secrets a request is signed with now: the current one, and the previous one during its
    /// overlap.</summary>
    public IEnumerable<string> SigningSecrets(DateTime now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];
}

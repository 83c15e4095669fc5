namespace Personalize.Events;

/// <summary>What happened to a customer. The wire name is <see cref="CustomerEvents.WireName"/>, e.g.
/// "customer.stage_changed".</summary>
public enum CustomerEventType
{
    [System.ComponentModel.Description(
        "The lifecycle stage changed, by a write or because time passed; data: from, to and the scores that moved it."
    )]
    StageChanged,

    [System.ComponentModel.Description("The customer entered a tracked segment; data: segment.")]
    SegmentEntered,

    [System.ComponentModel.Description("The customer left a tracked segment; data: segment.")]
    SegmentLeft,

    [System.ComponentModel.Description("The loyalty tier changed; data: from, to.")]
    TierChanged,

    [System.ComponentModel.Description("Points will expire within the configured horizon; data: points, expiresAt.")]
    PointsExpiring,

    [System.ComponentModel.Description("An offer was assigned; data: offer, code, channel, expiresAt.")]
    OfferAssigned,

    [System.ComponentModel.Description("An offer was redeemed; data: offer, code, order.")]
    OfferRedeemed,

    [System.ComponentModel.Description(
        "An unredeemed offer expires within the configured horizon; data: offer, code, expiresAt."
    )]
    OfferExpiring,

    [System.ComponentModel.Description(
        "An item added to the cart was not bought within the configured time; data: item, addedAt."
    )]
    CartAbandoned,

    [System.ComponentModel.Description("A consent changed; data: personalization, emailMarketing.")]
    ConsentChanged,

    [System.ComponentModel.Description("The customer was erased; the event carries only the anonymous id.")]
    CustomerErased,
}

/// <summary>
/// One event in the transactional outbox: written in the transaction of the change that caused it (or, for what time
/// causes, by the job that found it, once). <see cref="Id"/> orders all events; <see cref="Sequence"/> numbers one
/// customer's events from 1. The customer is referenced by internal id, so an erasure leaves only the anonymous id.
/// </summary>
public class CustomerEvent
{
    public long Id { get; set; }

    /// <summary>The event's public id ("evt_…"), the `webhook-id` of every delivery of it.</summary>
    public string EventId { get; set; } = "";
    public CustomerEventType Type { get; set; }
    public long CustomerId { get; set; }
    public long Sequence { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>A compact JSON object, never personal data.</summary>
    public string Data { get; set; } = "{}";

    /// <summary>For events time causes: what makes the event unique (e.g. the cart line), so a rescan writes it
    /// once.</summary>
    public string? DedupeKey { get; set; }
}

public static class CustomerEvents
{
    /// <summary>"customer.stage_changed" for StageChanged.</summary>
    public static string WireName(CustomerEventType type) =>
        "customer."
        + string.Concat(
            type.ToString()
                .Select(
                    (c, i) =>
                        char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()
                )
        );

    /// <summary>The consent-changed event: the consents as they are now.</summary>
    public static NewEvent ConsentChanged(long customerId, bool personalization, bool emailMarketing, DateTime at) =>
        new(customerId, CustomerEventType.ConsentChanged, at, new { personalization, emailMarketing });

    public static CustomerEventType? FromWireName(string name) =>
        Enum.GetValues<CustomerEventType>().Cast<CustomerEventType?>().FirstOrDefault(t => WireName(t!.Value) == name);
}

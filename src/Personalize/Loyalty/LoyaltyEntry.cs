namespace Personalize.Loyalty;

/// <summary>
/// One line of a customer's points ledger. Credits are positive, spending negative; expiry is not stored but computed
/// as of a date (<see cref="LoyaltyLedger"/>). (CustomerId, Reference) is unique, which makes every write idempotent.
/// </summary>
public class LoyaltyEntry
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public LoyaltyEntryKind Kind { get; set; }
    public int Points { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>The order that earned the points (Earn), if any.</summary>
    public long? OrderId { get; set; }

    /// <summary>What made the entry, unique per customer: "order:{id}", "spend:{key}", "referral:{referee}",
    /// "referred", "offer:{code}".</summary>
    public string Reference { get; set; } = "";
    public string? Description { get; set; }
}

public enum LoyaltyEntryKind
{
    [System.ComponentModel.Description("Points earned by an order.")]
    Earn,

    [System.ComponentModel.Description("Points spent on a reward.")]
    Spend,

    [System.ComponentModel.Description("Points that expired unused.")]
    Expire,

    [System.ComponentModel.Description("Points for a referral, to the referrer or the referred customer.")]
    Referral,

    [System.ComponentModel.Description("Bonus points from a redeemed offer.")]
    Bonus,
}

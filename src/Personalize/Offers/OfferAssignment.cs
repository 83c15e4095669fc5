using Personalize.Common;

namespace Personalize.Offers;

/// <summary>
/// An offer given to one customer, with the redemption code the customer uses. It is decided once and then shown on
/// every channel until it expires or is redeemed: the offer an email showed is the one the storefront shows and the one
/// that redeems. (CustomerId, OfferId, Round) is unique, so two concurrent decisions cannot give the same offer twice.
/// </summary>
public class OfferAssignment
{
    public long Id { get; set; }

    /// <summary>The redemption code (unique), e.g. "K7QX-M2PA-9RTE".</summary>
    public string Code { get; set; } = "";
    public long OfferId { get; set; }
    public Offer Offer { get; set; } = null!;
    public long CustomerId { get; set; }

    /// <summary>1 for the customer's first assignment of this offer, 2 for the next one (after a redemption or expiry),
    /// ...</summary>
    public int Round { get; set; }

    /// <summary>The channel the offer was first decided for.</summary>
    public Channel Channel { get; set; }
    public DateTime AssignedAt { get; set; }

    /// <summary>End of the assignment: the offer's end of validity or the assignment period, whichever comes
    /// first.</summary>
    public DateTime ExpiresAt { get; set; }

    // What the decision saw and expected: shown to callers, and the features the redemption model learns from.
    public LifecycleStage Stage { get; set; }
    public decimal CustomerValue { get; set; }
    public int? DaysSinceLastOrder { get; set; }
    public double RedeemProbability { get; set; }
    public decimal ExpectedNetValue { get; set; }
    public string Reason { get; set; } = "";

    public DateTime? RedeemedAt { get; set; }
    public long? RedeemedOrderId { get; set; }

    /// <summary>The offer's cost charged to its budget by the redemption.</summary>
    public decimal? CostCharged { get; set; }
}

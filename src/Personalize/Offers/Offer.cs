using Personalize.Common;
using Personalize.Segments;
using Personalize.Targeting;

namespace Personalize.Offers;

/// <summary>A reward a customer can be offered, with who may get it and what it may cost.</summary>
public class Offer : ITargeted
{
    public long Id { get; set; }

    /// <summary>Public id, unique (upper-case letters, digits, dashes and underscores).</summary>
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public RewardType RewardType { get; set; }

    /// <summary>Percent for PercentOff, currency amount for AmountOff, factor for PointsMultiplier, points for
    /// BonusPoints; 0 where it has no meaning.</summary>
    public decimal RewardValue { get; set; }

    /// <summary>What one redemption costs the business, in the store currency.</summary>
    public decimal Cost { get; set; }

    /// <summary>Eligible stages; None means every stage.</summary>
    public LifecycleStageSet EligibleStages { get; set; }
    public List<Segment> EligibleSegments { get; set; } = [];
    public decimal? MinClv { get; set; }
    public decimal? MaxClv { get; set; }

    /// <summary>Lowest loyalty tier that may receive it (a tier name from Loyalty:Tiers); null means every
    /// tier.</summary>
    public string? MinLoyaltyTier { get; set; }
    public List<OfferCountry> EligibleCountries { get; set; } = [];
    public ChannelSet Channels { get; set; } = ChannelSet.All;
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidUntil { get; set; }

    /// <summary>Total the offer may cost; null means no budget limit.</summary>
    public decimal? TotalBudget { get; set; }
    public decimal BudgetSpent { get; set; }

    /// <summary>How many times one customer may redeem it; null means no limit.</summary>
    public int? PerCustomerCap { get; set; }
    public OfferStatus Status { get; set; } = OfferStatus.Draft;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    // Targeting, in the words offers use: eligible stages and segments, a validity window.
    LifecycleStageSet ITargeted.Stages
    {
        get => EligibleStages;
        set => EligibleStages = value;
    }
    List<Segment> ITargeted.Segments
    {
        get => EligibleSegments;
        set => EligibleSegments = value;
    }
    DateTime? ITargeted.From
    {
        get => ValidFrom;
        set => ValidFrom = value;
    }
    DateTime? ITargeted.Until
    {
        get => ValidUntil;
        set => ValidUntil = value;
    }
}

public class OfferCountry
{
    public long OfferId { get; set; }
    public string Country { get; set; } = "";
}

public enum RewardType
{
    [System.ComponentModel.Description("A percentage off the order (value: percent).")]
    PercentOff,

    [System.ComponentModel.Description("An amount off the order (value: currency amount).")]
    AmountOff,

    [System.ComponentModel.Description("Free shipping.")]
    FreeShipping,

    [System.ComponentModel.Description("Loyalty points multiplied (value: factor).")]
    PointsMultiplier,

    [System.ComponentModel.Description("Extra loyalty points (value: points).")]
    BonusPoints,

    [System.ComponentModel.Description("A free gift.")]
    Gift,

    [System.ComponentModel.Description("Early or exclusive access.")]
    VipAccess,

    [System.ComponentModel.Description("An invitation to an event.")]
    EventInvitation,
}

public enum OfferStatus
{
    [System.ComponentModel.Description("Being prepared; never offered.")]
    Draft,

    [System.ComponentModel.Description("Offered to eligible customers within its validity window.")]
    Active,

    [System.ComponentModel.Description("Temporarily not offered.")]
    Paused,

    [System.ComponentModel.Description("Retired; never offered.")]
    Archived,
}

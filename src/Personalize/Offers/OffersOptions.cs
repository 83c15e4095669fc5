using Personalize.Common;

namespace Personalize.Offers;

/// <summary>Offer decisioning: caps, guardrail, the prior P(redeem) and each stage's strategy. Bound from
/// "Offers".</summary>
public sealed class OffersOptions
{
    public const string Section = "Offers";

    /// <summary>Frequency cap across channels: at most this many new assignments per customer per rolling
    /// window.</summary>
    public int MaxOffersPerWindow { get; set; } = 3;
    public int FrequencyWindowDays { get; set; } = 7;

    /// <summary>No new assignment for this many days after the customer's last redemption.</summary>
    public int CooldownDaysAfterRedemption { get; set; } = 14;

    /// <summary>How long an assignment stays valid (never beyond the offer's end of validity).</summary>
    public int AssignmentDays { get; set; } = 14;

    /// <summary>Guardrail: an offer costing more than this share of the customer's value is never given.</summary>
    public double MaxCostShareOfValue { get; set; } = 0.3;

    /// <summary>The value used for a customer without a predicted CLV yet (prospects, unscored customers).</summary>
    public decimal UnscoredCustomerValue { get; set; } = 40m;

    /// <summary>Prior P(redeem) = the stage's BaseRedeemRate × the reward type's lift, until a model is trained on
    /// enough history.</summary>
    public Dictionary<RewardType, double> RewardTypeLift { get; set; } =
        new()
        {
            [RewardType.PercentOff] = 1.3,
            [RewardType.AmountOff] = 1.3,
            [RewardType.FreeShipping] = 1.0,
            [RewardType.PointsMultiplier] = 0.8,
            [RewardType.BonusPoints] = 0.7,
            [RewardType.Gift] = 1.1,
            [RewardType.VipAccess] = 0.9,
            [RewardType.EventInvitation] = 0.5,
        };

    public Dictionary<LifecycleStage, StageStrategy> Stages { get; set; } =
        new()
        {
            [LifecycleStage.Prospect] = new()
            {
                Name = "first-purchase incentive",
                PreferredRewardTypes = "PercentOff, FreeShipping, AmountOff",
                BaseRedeemRate = 0.04,
                ValueShare = 1.0,
            },
            [LifecycleStage.New] = new()
            {
                Name = "welcome offer",
                PreferredRewardTypes = "PercentOff, BonusPoints, Gift",
                BaseRedeemRate = 0.10,
                ValueShare = 0.3,
            },
            [LifecycleStage.Active] = new()
            {
                Name = "points boost and cross-sell",
                PreferredRewardTypes = "PointsMultiplier, BonusPoints, AmountOff",
                BaseRedeemRate = 0.08,
                ValueShare = 0.1,
            },
            [LifecycleStage.AtRisk] = new()
            {
                Name = "retention save",
                PreferredRewardTypes = "PercentOff, AmountOff, PointsMultiplier",
                BaseRedeemRate = 0.06,
                ValueShare = 0.4,
            },
            [LifecycleStage.Lapsed] = new()
            {
                Name = "win-back",
                PreferredRewardTypes = "PercentOff, Gift, FreeShipping",
                BaseRedeemRate = 0.03,
                ValueShare = 0.5,
            },
            [LifecycleStage.Loyal] = new()
            {
                Name = "VIP perks and early access",
                PreferredRewardTypes = "VipAccess, EventInvitation, PointsMultiplier, Gift",
                BaseRedeemRate = 0.12,
                ValueShare = 0.1,
            },
        };

    public RedemptionModelOptions Model { get; set; } = new();

    public StageStrategy StrategyFor(LifecycleStage stage) =>
        Stages.TryGetValue(stage, out var s) ? s : new StageStrategy { Name = "none" };

    public double PriorRedeemProbability(LifecycleStage stage, RewardType type) =>
        Math.Clamp(StrategyFor(stage).BaseRedeemRate * RewardTypeLift.GetValueOrDefault(type, 1.0), 0.001, 0.95);
}

/// <summary>What a lifecycle stage should get: its preferred reward types rank higher (× PreferenceWeight).</summary>
public sealed class StageStrategy
{
    public string Name { get; set; } = "";

    /// <summary>Reward types, comma-separated (a string, so configuration replaces the list rather than appending to
    /// it).</summary>
    public string PreferredRewardTypes { get; set; } = "";

    /// <summary>Ranking weight of a preferred reward type's expected net value.</summary>
    public double PreferenceWeight { get; set; } = 1.5;

    /// <summary>Prior share of this stage's assignments that are redeemed, before the reward type's lift.</summary>
    public double BaseRedeemRate { get; set; } = 0.05;

    /// <summary>The incremental value of a redemption, as a share of the customer's value (predicted CLV).</summary>
    public double ValueShare { get; set; } = 0.1;

    public bool Prefers(RewardType type) =>
        PreferredRewardTypes
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(t => Enum.TryParse<RewardType>(t, ignoreCase: true, out var parsed) && parsed == type);
}

public sealed class RedemptionModelOptions
{
    /// <summary>The learned P(redeem) is used only when it was trained on at least this many assignments with a known
    /// outcome.</summary>
    public int MinExamples { get; set; } = 1000;

    /// <summary>Share of the examples held out to measure the model's AUC.</summary>
    public double HeldOutShare { get; set; } = 0.2;

    /// <summary>How often a running service looks for a newer trained model.</summary>
    public int RefreshMinutes { get; set; } = 5;
}

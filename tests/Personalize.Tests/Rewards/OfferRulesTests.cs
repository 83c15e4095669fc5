using Personalize.Common;
using Personalize.Loyalty;
using Personalize.Offers;
using Personalize.Segments;

namespace Personalize.Tests.Rewards;

/// <summary>Every decision rule on its own, without a database: each eligibility dimension, caps, cooldown, guardrail
/// and ranking.</summary>
public sealed class OfferRulesTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly OffersOptions Options = new();
    private static readonly OfferRules Rules = new(Options, new LoyaltyTiers(new LoyaltyOptions()).Rank);

    private static Offer Offer(Action<Offer>? change = null)
    {
        var offer = new Offer
        {
            Id = 7,
            Code = "TEST",
            Title = "Test",
            RewardType = RewardType.PercentOff,
            RewardValue = 10,
            Cost = 5,
            Status = OfferStatus.Active,
        };
        change?.Invoke(offer);
        return offer;
    }

    private static DecisionCustomer Customer(
        LifecycleStage stage = LifecycleStage.Active,
        string? country = "FR",
        bool personalization = true,
        bool email = true,
        decimal? clv = 200m,
        decimal? orderValue = 50m,
        long[]? segments = null,
        int tierRank = 0
    ) =>
        new(
            1,
            stage,
            country,
            personalization,
            email,
            clv,
            orderValue,
            Now.AddDays(-20),
            (segments ?? []).ToHashSet(),
            tierRank
        );

    [Fact]
    public void An_active_offer_within_its_window_on_its_channel_is_eligible() =>
        Assert.Null(Rules.Ineligibility(Offer(), Customer(), Channel.Web, Now));

    [Theory]
    [InlineData(OfferStatus.Draft)]
    [InlineData(OfferStatus.Paused)]
    [InlineData(OfferStatus.Archived)]
    public void Only_active_offers_are_given(OfferStatus status) =>
        Assert.Contains(
            status.ToString().ToUpperInvariant(),
            Rules.Ineligibility(Offer(o => o.Status = status), Customer(), Channel.Web, Now)
        );

    [Fact]
    public void Offers_outside_their_validity_window_are_not_given()
    {
        Assert.Equal(
            "the offer is not valid yet",
            Rules.Ineligibility(Offer(o => o.ValidFrom = Now.AddSeconds(1)), Customer(), Channel.Web, Now)
        );
        Assert.Equal(
            "the offer has ended",
            Rules.Ineligibility(Offer(o => o.ValidUntil = Now), Customer(), Channel.Web, Now)
        );
        Assert.Null(
            Rules.Ineligibility(
                Offer(o => (o.ValidFrom, o.ValidUntil) = (Now.AddDays(-1), Now.AddDays(1))),
                Customer(),
                Channel.Web,
                Now
            )
        );
    }

    [Fact]
    public void An_offer_is_given_only_on_its_channels()
    {
        var webOnly = Offer(o => o.Channels = ChannelSet.Web);
        Assert.Null(Rules.Ineligibility(webOnly, Customer(), Channel.Web, Now));
        Assert.Contains("not shown on App", Rules.Ineligibility(webOnly, Customer(), Channel.App, Now));
    }

    [Fact]
    public void No_marketing_offer_by_email_without_email_consent_but_the_web_still_may()
    {
        var customer = Customer(email: false);
        Assert.Equal("no consent to marketing emails", Rules.Ineligibility(Offer(), customer, Channel.Email, Now));
        Assert.Null(Rules.Ineligibility(Offer(), customer, Channel.Web, Now));
    }

    [Fact]
    public void Without_personalization_consent_a_customer_gets_no_new_offers() =>
        Assert.Equal(0, Rules.NewOfferSlots(Customer(personalization: false), OfferHistory.None, Now));

    [Fact]
    public void Eligible_stages_restrict_who_gets_an_offer()
    {
        var winBack = Offer(o => o.EligibleStages = LifecycleStageSet.Lapsed | LifecycleStageSet.AtRisk);
        Assert.Null(Rules.Ineligibility(winBack, Customer(LifecycleStage.Lapsed), Channel.Web, Now));
        Assert.Contains(
            "stage Active",
            Rules.Ineligibility(winBack, Customer(LifecycleStage.Active), Channel.Web, Now)
        );
    }

    [Fact]
    public void Eligible_segments_need_membership_of_one_of_them()
    {
        var vip = Offer(o =>
            o.EligibleSegments = [new Segment { Id = 3, Slug = "vip" }, new Segment { Id = 4, Slug = "fans" }]
        );
        Assert.Null(Rules.Ineligibility(vip, Customer(segments: [4]), Channel.Web, Now));
        Assert.Equal(
            "in none of the eligible segments",
            Rules.Ineligibility(vip, Customer(segments: [1, 2]), Channel.Web, Now)
        );
    }

    [Fact]
    public void The_clv_band_bounds_the_predicted_clv_and_an_unscored_customer_counts_as_zero()
    {
        var band = Offer(o => (o.MinClv, o.MaxClv) = (100m, 300m));
        Assert.Null(Rules.Ineligibility(band, Customer(clv: 100m), Channel.Web, Now));
        Assert.Contains("below 100.00", Rules.Ineligibility(band, Customer(clv: 99.99m), Channel.Web, Now));
        Assert.Contains("above 300.00", Rules.Ineligibility(band, Customer(clv: 300.01m), Channel.Web, Now));
        Assert.Contains("below", Rules.Ineligibility(band, Customer(clv: null), Channel.Web, Now));
    }

    [Fact]
    public void A_minimum_loyalty_tier_excludes_lower_tiers()
    {
        var gold = Offer(o => o.MinLoyaltyTier = "GOLD"); // MEMBER 0, SILVER 1, GOLD 2, PLATINUM 3
        Assert.Contains("tier below GOLD", Rules.Ineligibility(gold, Customer(tierRank: 1), Channel.Web, Now));
        Assert.Null(Rules.Ineligibility(gold, Customer(tierRank: 2), Channel.Web, Now));
        Assert.Null(Rules.Ineligibility(gold, Customer(tierRank: 3), Channel.Web, Now));
    }

    [Fact]
    public void Eligible_countries_exclude_other_and_unknown_countries()
    {
        var dach = Offer(o =>
            o.EligibleCountries = [new OfferCountry { Country = "DE" }, new OfferCountry { Country = "AT" }]
        );
        Assert.Null(Rules.Ineligibility(dach, Customer(country: "AT"), Channel.Web, Now));
        Assert.Equal("country not eligible", Rules.Ineligibility(dach, Customer(country: "FR"), Channel.Web, Now));
        Assert.Equal("country not eligible", Rules.Ineligibility(dach, Customer(country: null), Channel.Web, Now));
    }

    [Fact]
    public void An_offer_whose_remaining_budget_is_below_its_cost_is_not_given()
    {
        Assert.Null(
            Rules.Ineligibility(Offer(o => (o.TotalBudget, o.BudgetSpent) = (100m, 95m)), Customer(), Channel.Web, Now)
        );
        Assert.Equal(
            "the offer's budget is spent",
            Rules.Ineligibility(
                Offer(o => (o.TotalBudget, o.BudgetSpent) = (100m, 95.01m)),
                Customer(),
                Channel.Web,
                Now
            )
        );
    }

    [Fact]
    public void The_guardrail_keeps_a_50_euro_gift_from_a_20_euro_customer()
    {
        var gift = Offer(o => (o.RewardType, o.Cost) = (RewardType.Gift, 50m));
        Assert.Contains("guardrail", Rules.Ineligibility(gift, Customer(clv: 20m, orderValue: 20m), Channel.Web, Now));
        // 30 % of a value of 200 is 60: the same gift is fine for a 200 euro customer.
        Assert.Null(Rules.Ineligibility(gift, Customer(clv: 200m), Channel.Web, Now));
    }

    [Fact]
    public void The_value_is_predicted_clv_floored_at_one_expected_order_and_the_configured_value_when_unscored()
    {
        Assert.Equal(200m, Rules.ValueOf(Customer(clv: 200m, orderValue: 50m)));
        Assert.Equal(80m, Rules.ValueOf(Customer(clv: 0.5m, orderValue: 80m)));
        Assert.Equal(Options.UnscoredCustomerValue, Rules.ValueOf(Customer(clv: null, orderValue: null)));
    }

    [Fact]
    public void The_frequency_cap_counts_assignments_across_channels_in_the_window()
    {
        Assert.Equal(3, Rules.NewOfferSlots(Customer(), OfferHistory.None, Now));
        Assert.Equal(1, Rules.NewOfferSlots(Customer(), OfferHistory.None with { AssignedInWindow = 2 }, Now));
        Assert.Equal(0, Rules.NewOfferSlots(Customer(), OfferHistory.None with { AssignedInWindow = 5 }, Now));
    }

    [Fact]
    public void No_new_offer_during_the_cooldown_after_a_redemption()
    {
        var days = Options.CooldownDaysAfterRedemption;
        Assert.Equal(
            0,
            Rules.NewOfferSlots(
                Customer(),
                OfferHistory.None with
                {
                    LastRedemptionAt = Now.AddDays(-days).AddMinutes(1),
                },
                Now
            )
        );
        Assert.Equal(
            3,
            Rules.NewOfferSlots(
                Customer(),
                OfferHistory.None with
                {
                    LastRedemptionAt = Now.AddDays(-days).AddMinutes(-1),
                },
                Now
            )
        );
    }

    [Fact]
    public void The_per_customer_cap_counts_redemptions_of_that_offer()
    {
        var twice = Offer(o => o.PerCustomerCap = 2);
        var history = (int redeemed) =>
            OfferHistory.None with
            {
                ByOffer = new Dictionary<long, OfferTally> { [7] = new(redeemed, redeemed) },
            };
        Assert.True(OfferRules.UnderCustomerCap(twice, OfferHistory.None));
        Assert.True(OfferRules.UnderCustomerCap(twice, history(1)));
        Assert.False(OfferRules.UnderCustomerCap(twice, history(2)));
        Assert.True(OfferRules.UnderCustomerCap(Offer(), history(50)));
    }

    [Fact]
    public void Expected_net_value_is_probability_times_incremental_value_minus_cost()
    {
        // ACTIVE: value share 0.1 of 200 = 20 incremental; (20 - 5) × 0.1 = 1.5.
        var ranked = Rules.Rank(new OfferCandidate(Customer(), Offer(), 200m), 0.1, "prior");
        Assert.Equal(1.5m, ranked.ExpectedNetValue);
        Assert.Contains("P(redeem) 0.100 (prior)", ranked.Reason);
        // A cost above the incremental value loses money: negative, and never chosen.
        var costly = Rules.Rank(new OfferCandidate(Customer(), Offer(o => o.Cost = 30m), 200m), 0.5, "prior");
        Assert.Equal(-5m, costly.ExpectedNetValue);
        Assert.Empty(OfferRules.Choose([costly], 3));
    }

    [Fact]
    public void Ranking_prefers_higher_expected_value_weighted_by_the_stage_strategy()
    {
        var customer = Customer(LifecycleStage.Active); // ACTIVE prefers PointsMultiplier, BonusPoints, AmountOff
        var percent = Rules.Rank(
            new OfferCandidate(customer, Offer(o => (o.Id, o.RewardType) = (1, RewardType.PercentOff)), 200m),
            0.1,
            "prior"
        );
        var points = Rules.Rank(
            new OfferCandidate(customer, Offer(o => (o.Id, o.RewardType) = (2, RewardType.PointsMultiplier)), 200m),
            0.08,
            "prior"
        );
        var gift = Rules.Rank(
            new OfferCandidate(customer, Offer(o => (o.Id, o.RewardType) = (3, RewardType.Gift)), 200m),
            0.05,
            "prior"
        );
        Assert.True(percent.ExpectedNetValue > points.ExpectedNetValue); // 1.5 vs 1.2 ...
        // ... but 1.2 × 1.5 ranks first
        Assert.Equal([2L, 1L], OfferRules.Choose([gift, percent, points], 2).Select(r => r.Candidate.Offer.Id));
    }

    [Fact]
    public void Every_stage_has_a_strategy_out_of_the_box()
    {
        Assert.True(Options.StrategyFor(LifecycleStage.New).Prefers(RewardType.PercentOff));
        Assert.True(Options.StrategyFor(LifecycleStage.Active).Prefers(RewardType.PointsMultiplier));
        Assert.True(Options.StrategyFor(LifecycleStage.AtRisk).Prefers(RewardType.PercentOff));
        Assert.True(Options.StrategyFor(LifecycleStage.Lapsed).Prefers(RewardType.Gift));
        Assert.True(Options.StrategyFor(LifecycleStage.Loyal).Prefers(RewardType.VipAccess));
        Assert.True(Options.StrategyFor(LifecycleStage.Prospect).Prefers(RewardType.FreeShipping));
        Assert.False(Options.StrategyFor(LifecycleStage.Loyal).Prefers(RewardType.PercentOff));
    }

    [Fact]
    public void The_prior_is_the_stage_rate_times_the_reward_type_lift() =>
        Assert.Equal(0.06 * 1.3, Options.PriorRedeemProbability(LifecycleStage.AtRisk, RewardType.PercentOff), 10);

    [Fact]
    public void A_held_assignment_is_hidden_once_redeemed_expired_paused_out_of_budget_or_off_channel()
    {
        var offer = Offer(o => o.Channels = ChannelSet.Web | ChannelSet.Email);
        var open = new OfferAssignment { OfferId = 7, ExpiresAt = Now.AddDays(1) };
        Assert.True(Rules.StillShown(open, offer, Customer(), Channel.Web, Now));
        Assert.False(Rules.StillShown(open, offer, Customer(email: false), Channel.Email, Now));
        Assert.False(Rules.StillShown(open, offer, Customer(), Channel.App, Now));
        Assert.False(Rules.StillShown(new OfferAssignment { ExpiresAt = Now }, offer, Customer(), Channel.Web, Now));
        Assert.False(
            Rules.StillShown(
                new OfferAssignment { ExpiresAt = Now.AddDays(1), RedeemedAt = Now },
                offer,
                Customer(),
                Channel.Web,
                Now
            )
        );
        Assert.False(Rules.StillShown(open, Offer(o => o.Status = OfferStatus.Paused), Customer(), Channel.Web, Now));
        Assert.False(
            Rules.StillShown(
                open,
                Offer(o => (o.TotalBudget, o.BudgetSpent) = (10m, 10m)),
                Customer(),
                Channel.Web,
                Now
            )
        );
        Assert.False(Rules.StillShown(open, null, Customer(), Channel.Web, Now));
    }
}

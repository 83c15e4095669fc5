using System.Globalization;
using Personalize.Common;
using Personalize.Targeting;

namespace Personalize.Offers;

/// <summary>What decisioning knows about a customer: profile, consent, value, segments and loyalty tier.</summary>
public sealed record DecisionCustomer(
    long Id,
    LifecycleStage Stage,
    string? Country,
    bool ConsentPersonalization,
    bool ConsentEmailMarketing,
    decimal? PredictedClv,
    decimal? ExpectedOrderValue,
    DateTime? LastOrderAt,
    IReadOnlySet<long> SegmentIds,
    int LoyaltyTierRank
);

/// <summary>A customer's past assignments as decisioning needs them.</summary>
public sealed record OfferHistory(
    IReadOnlyList<OfferAssignment> Open,
    int AssignedInWindow,
    DateTime? LastRedemptionAt,
    IReadOnlyDictionary<long, OfferTally> ByOffer
)
{
    public static readonly OfferHistory None = new([], 0, null, new Dictionary<long, OfferTally>());
}

/// <summary>Per customer and offer: redemptions so far and the last assignment round.</summary>
public sealed record OfferTally(int Redeemed, int LastRound);

/// <summary>An offer a customer could get, before its P(redeem) is known.</summary>
public sealed record OfferCandidate(DecisionCustomer Customer, Offer Offer, decimal CustomerValue);

/// <summary>A candidate with its P(redeem) and what it is expected to be worth.</summary>
public sealed record RankedOffer(
    OfferCandidate Candidate,
    double RedeemProbability,
    decimal ExpectedNetValue,
    double Score,
    string Reason
);

/// <summary>
/// Every offer rule in one place, with no I/O: eligibility, caps, cooldown, guardrail, expected net value and ranking.
/// <see cref="OfferDecisionService"/> loads what the rules need for a page of customers and persists what they decide.
/// </summary>
public sealed class OfferRules(OffersOptions options, Func<string, int?> tierRank)
{
    /// <summary>
    /// The customer's value for offers: predicted CLV (the configured value for a customer not scored yet), but at
    /// least the expected value of one order — a redemption is a purchase, so a lapsed customer's near-zero CLV does
    /// not make every win-back worthless, while the guardrail still keeps a €50 gift from a €20 customer.
    /// </summary>
    public decimal ValueOf(DecisionCustomer customer) =>
        Math.Max(customer.PredictedClv ?? options.UnscoredCustomerValue, customer.ExpectedOrderValue ?? 0m);

    /// <summary>Why the offer cannot be given to the customer on the channel now, or null when it can (before caps and
    /// value).</summary>
    public string? Ineligibility(Offer offer, DecisionCustomer customer, Channel channel, DateTime now)
    {
        if (offer.Status != OfferStatus.Active)
            return $"the offer is {offer.Status.ToString().ToUpperInvariant()}";
        if (offer.ValidFrom > now)
            return "the offer is not valid yet";
        if (offer.ValidUntil <= now)
            return "the offer has ended";
        if (!offer.Reaches(channel))
            return $"the offer is not shown on {channel}";
        if (channel == Channel.Email && !customer.ConsentEmailMarketing)
            return "no consent to marketing emails";
        if (!offer.Admits(customer.Stage))
            return $"stage {customer.Stage} is not eligible";
        if (offer.EligibleSegments.Count > 0 && !offer.EligibleSegments.Any(s => customer.SegmentIds.Contains(s.Id)))
            return "in none of the eligible segments";
        var clv = customer.PredictedClv ?? 0m;
        if (offer.MinClv is { } min && clv < min)
            return $"predicted CLV {Money(clv)} is below {Money(min)}";
        if (offer.MaxClv is { } max && clv > max)
            return $"predicted CLV {Money(clv)} is above {Money(max)}";
        if (offer.MinLoyaltyTier is { } tier && customer.LoyaltyTierRank < (tierRank(tier) ?? int.MaxValue))
            return $"loyalty tier below {tier}";
        if (offer.EligibleCountries.Count > 0 && !offer.EligibleCountries.Any(c => c.Country == customer.Country))
            return "country not eligible";
        if (offer.TotalBudget is { } budget && budget - offer.BudgetSpent < offer.Cost)
            return "the offer's budget is spent";
        var cap = (decimal)options.MaxCostShareOfValue * ValueOf(customer);
        if (offer.Cost > cap)
            return $"cost {Money(offer.Cost)} is above the guardrail "
                + $"({options.MaxCostShareOfValue:P0} of value {Money(ValueOf(customer))})";
        return null;
    }

    /// <summary>Whether the customer may have this offer again: under the offer's per-customer cap.</summary>
    public static bool UnderCustomerCap(Offer offer, OfferHistory history) =>
        offer.PerCustomerCap is not { } cap || (history.ByOffer.GetValueOrDefault(offer.Id)?.Redeemed ?? 0) < cap;

    /// <summary>How many new offers the customer may be given now: frequency cap across channels, cooldown after a
    /// redemption, consent.</summary>
    public int NewOfferSlots(DecisionCustomer customer, OfferHistory history, DateTime now)
    {
        if (!customer.ConsentPersonalization)
            return 0;
        if (history.LastRedemptionAt is { } last && last > now.AddDays(-options.CooldownDaysAfterRedemption))
            return 0;
        return Math.Max(0, options.MaxOffersPerWindow - history.AssignedInWindow);
    }

    /// <summary>
    /// Whether an assignment the customer holds is shown on the channel: still open and the offer still running (an
    /// offer paused, ended or out of budget is hidden), on this channel, with consent.
    /// </summary>
    public bool StillShown(
        OfferAssignment assignment,
        Offer? runningOffer,
        DecisionCustomer customer,
        Channel channel,
        DateTime now
    )
    {
        if (runningOffer is null || assignment.RedeemedAt is not null || assignment.ExpiresAt <= now)
            return false;
        if (!customer.ConsentPersonalization)
            return false;
        if (runningOffer.Status != OfferStatus.Active || runningOffer.ValidUntil <= now)
            return false;
        if (runningOffer.TotalBudget is { } budget && budget - runningOffer.BudgetSpent < runningOffer.Cost)
            return false;
        return runningOffer.Reaches(channel) && (channel != Channel.Email || customer.ConsentEmailMarketing);
    }

    /// <summary>The candidates for new assignments: eligible, under the per-customer cap, not already held.</summary>
    public IEnumerable<OfferCandidate> Candidates(
        DecisionCustomer customer,
        OfferHistory history,
        IEnumerable<Offer> offers,
        Channel channel,
        DateTime now
    )
    {
        var held = history.Open.Select(a => a.OfferId).ToHashSet();
        var value = ValueOf(customer);
        return offers
            .Where(o =>
                !held.Contains(o.Id) && UnderCustomerCap(o, history) && Ineligibility(o, customer, channel, now) is null
            )
            .Select(o => new OfferCandidate(customer, o, value));
    }

    /// <summary>Expected net value = P(redeem) × (incremental value − cost), the incremental value a stage's share of
    /// the customer's value; ranked × the stage's preference weight.</summary>
    public RankedOffer Rank(OfferCandidate candidate, double redeemProbability, string probabilitySource)
    {
        var (customer, offer) = (candidate.Customer, candidate.Offer);
        var strategy = options.StrategyFor(customer.Stage);
        var incremental = candidate.CustomerValue * (decimal)strategy.ValueShare;
        redeemProbability = Math.Round(redeemProbability, 4);
        var net = Math.Round((decimal)redeemProbability * (incremental - offer.Cost), 4);
        var preferred = strategy.Prefers(offer.RewardType);
        var score = (double)net * (preferred && net > 0 ? strategy.PreferenceWeight : 1.0);
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{strategy.Name} for {StageName(customer.Stage)}{(preferred ? " (preferred reward)" : "")}: P(redeem) "
                + $"{redeemProbability:0.000} ({probabilitySource}) × (incremental value {incremental:0.00} − cost "
                + $"{offer.Cost:0.00}) = {net:0.00}"
        );
        return new RankedOffer(candidate, redeemProbability, net, score, reason);
    }

    /// <summary>The best new offers for one customer: positive expected net value only, highest score first (ties by
    /// offer id).</summary>
    public static IReadOnlyList<RankedOffer> Choose(IEnumerable<RankedOffer> ranked, int slots) =>
        slots <= 0
            ? []
            : ranked
                .Where(r => r.ExpectedNetValue > 0)
                .OrderByDescending(r => r.Score)
                .ThenBy(r => r.Candidate.Offer.Id)
                .Take(slots)
                .ToList();

    public static string StageName(LifecycleStage stage) =>
        stage switch
        {
            LifecycleStage.AtRisk => "AT_RISK",
            _ => stage.ToString().ToUpperInvariant(),
        };

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

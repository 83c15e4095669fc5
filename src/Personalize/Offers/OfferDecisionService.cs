using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Experiments;
using Personalize.Loyalty;
using Personalize.Scores;
using Personalize.Segments;

namespace Personalize.Offers;

/// <summary>An offer shown to a customer: the assignment (code, expected value, reason) and the offer.</summary>
public sealed record OfferDecision(OfferAssignment Assignment, Offer Offer, bool IsNew);

/// <summary>
/// Decides the offers of a page of customers on one channel and persists new assignments, at a constant number of
/// statements per page: segment memberships (1), loyalty tiers (1), the customers' assignments (1) — none of the three
/// for customers held in the <see cref="CustomerNearCache"/> — and the new assignments in one INSERT shared with
/// concurrent decisions (<see cref="OfferAssignmentWriter"/>); the running offers come from <see cref="OfferCatalog"/>,
/// scores from the customers' rows when the current snapshot scored them, else the score cache in one round trip. The
/// customers' open assignments come first (stable: the same customer asking again sees the same codes); free slots are
/// filled by <see cref="OfferRules"/>. Two concurrent decisions for the same customer cannot both assign: the second
/// one's INSERT hits the unique index, and it decides again from what the first wrote. Running offer experiments decide
/// through <see cref="ExperimentTreatments"/>: the arm's offer first, the other arms' offers withheld (held ones too),
/// nothing for the universal holdout; their exposures are logged by the decision that served them.
/// </summary>
public sealed class OfferDecisionService(
    IDbContextFactory<PersonalizeDbContext> factory,
    OfferCatalog catalog,
    SegmentQueries segments,
    ScoreReader scores,
    LoyaltyService loyalty,
    RedemptionPropensity propensity,
    OfferAssignmentWriter writer,
    CustomerNearCache nearCache,
    IOptions<OffersOptions> options,
    TimeProvider clock,
    ExperimentTreatments experiments
)
{
    public const int MaxOffersPerCustomer = 10;

    private static readonly CustomerFact<IReadOnlyList<OfferAssignment>> AssignmentsFact = new("offer assignments");

    private readonly OfferRules _rules = new(options.Value, loyalty.Tiers.Rank);

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<OfferDecision>>> DecideAsync(
        IReadOnlyCollection<Customer> customers,
        Channel channel,
        int first,
        CancellationToken cancellationToken
    )
    {
        first = Math.Clamp(first, 0, MaxOffersPerCustomer);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await DecideOnceAsync(customers, channel, first, cancellationToken);
            }
            catch (System.Data.Common.DbException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                // Another request assigned to one of these customers (or a code collided): decide again from what it
                // wrote, which its own invalidation may not have reached the near cache with yet.
                nearCache.Invalidate(customers.Select(c => c.Id));
            }
        }
    }

    private async Task<IReadOnlyDictionary<long, IReadOnlyList<OfferDecision>>> DecideOnceAsync(
        IReadOnlyCollection<Customer> customers,
        Channel channel,
        int first,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = customers.Select(c => c.Id).Distinct().ToList();
        if (ids.Count == 0 || first == 0)
            return ids.ToDictionary(id => id, _ => (IReadOnlyList<OfferDecision>)[]);

        var offers = (await catalog.ActiveAsync(cancellationToken))
            .Where(o => o.ValidUntil is not { } until || until > now)
            .ToList();
        var offersById = offers.ToDictionary(o => o.Id);
        var memberships = await segments.MembershipsAsync(ids, cancellationToken);
        var currentScores = await scores.GetManyAsync(customers, cancellationToken);
        var tiers = await loyalty.TiersAsync(ids, cancellationToken);
        var histories = await HistoriesAsync(ids, now, cancellationToken);
        var treatments = await experiments.PlanAsync(customers, ExperimentSubject.Offer, cancellationToken);
        var exposures = new List<(ExperimentArm Arm, long CustomerId)>();

        var plans =
            new List<(
                DecisionCustomer Customer,
                List<OfferDecision> Shown,
                int Slots,
                List<OfferCandidate> Candidates,
                TreatmentPlan Treatment
            )>();
        foreach (var customer in customers.DistinctBy(c => c.Id))
        {
            var decisionCustomer = new DecisionCustomer(
                customer.Id,
                customer.Stage,
                customer.Country,
                customer.ConsentPersonalization,
                customer.ConsentEmailMarketing,
                currentScores.TryGetValue(customer.Id, out var score) ? score.PredictedClv : customer.PredictedClv,
                score is not null ? score.ExpectedAverageOrderValue : customer.ExpectedAverageOrderValue,
                customer.LastOrderAt,
                memberships[customer.Id].Select(s => s.Id).ToHashSet(),
                loyalty.Tiers.Rank(tiers[customer.Id].Name) ?? 0
            );
            if (experiments.HeldOut(customer))
            {
                // the universal holdout gets no offer, held ones included
                plans.Add((decisionCustomer, [], 0, [], TreatmentPlan.None));
                continue;
            }
            var history = histories.GetValueOrDefault(customer.Id, OfferHistory.None);
            var treatment = treatments[customer.Id];
            // Held assignments of another arm's offer (made before the experiment started) are not shown while it runs.
            var shown = history
                .Open.Where(a =>
                    !treatment.Withholds(a.OfferId)
                    && _rules.StillShown(a, offersById.GetValueOrDefault(a.OfferId), decisionCustomer, channel, now)
                )
                .OrderByDescending(a => treatment.Treats(a.OfferId))
                .ThenByDescending(a => a.ExpectedNetValue)
                .ThenBy(a => a.OfferId)
                .Take(first)
                .Select(a =>
                {
                    a.Offer = offersById[a.OfferId];
                    return new OfferDecision(a, a.Offer, IsNew: false);
                })
                .ToList();
            var slots = Math.Min(first - shown.Count, _rules.NewOfferSlots(decisionCustomer, history, now));
            var candidates =
                slots > 0
                    ? _rules
                        .Candidates(decisionCustomer, history, offers, channel, now)
                        .Where(c => !treatment.Withholds(c.Offer.Id))
                        .ToList()
                    : [];
            plans.Add((decisionCustomer, shown, slots, candidates, treatment));
            foreach (var arm in treatment.Arms)
                if (Applies(arm, decisionCustomer, history, offersById, channel, now))
                    exposures.Add((arm, customer.Id));
        }

        var allCandidates = plans.SelectMany(p => p.Candidates).ToList();
        var predictions = await propensity.PredictAsync(
            allCandidates.Select(c => Features(c, channel, now)).ToList(),
            cancellationToken
        );
        var ranked = allCandidates
            .Select((c, i) => _rules.Rank(c, predictions[i].Probability, predictions[i].Source))
            .ToLookup(r => r.Candidate.Customer.Id);

        var created = new List<OfferAssignment>();
        var result = new Dictionary<long, IReadOnlyList<OfferDecision>>();
        foreach (var (customer, shown, slots, _, treatment) in plans)
        {
            foreach (var choice in ChooseWithTreatments(ranked[customer.Id], slots, treatment))
            {
                var assignment = NewAssignment(
                    choice,
                    histories.GetValueOrDefault(customer.Id, OfferHistory.None),
                    channel,
                    now
                );
                created.Add(assignment);
                shown.Add(new OfferDecision(assignment, choice.Candidate.Offer, IsNew: true));
            }
            // Held and new offers in one order, the same whenever the customer asks: experiment treatments, expected
            // net value, then offer.
            result[customer.Id] = shown
                .OrderByDescending(d => treatment.Treats(d.Offer.Id))
                .ThenByDescending(d => d.Assignment.ExpectedNetValue)
                .ThenBy(d => d.Offer.Id)
                .ToList();
        }
        if (created.Count > 0)
            await writer.InsertAsync(created, cancellationToken);
        await experiments.LogExposuresAsync(exposures, cancellationToken);
        return result;
    }

    /// <summary>
    /// Whether the experiment decided for the customer in this decision, whatever their arm (so every arm, the holdout
    /// included, is logged under the same condition): they hold an open assignment of one of its offers, or they may
    /// get a new offer and one of its offers is eligible for them on this channel.
    /// </summary>
    private bool Applies(
        ExperimentArm arm,
        DecisionCustomer customer,
        OfferHistory history,
        IReadOnlyDictionary<long, Offer> offersById,
        Channel channel,
        DateTime now
    )
    {
        var offerIds = arm.AllTreatments.ToHashSet();
        if (
            history.Open.Any(a =>
                offerIds.Contains(a.OfferId)
                && _rules.StillShown(a, offersById.GetValueOrDefault(a.OfferId), customer, channel, now)
            )
        )
            return true;
        if (_rules.NewOfferSlots(customer, history, now) <= 0)
            return false;
        return offerIds.Any(id =>
            offersById.TryGetValue(id, out var offer)
            && OfferRules.UnderCustomerCap(offer, history)
            && _rules.Ineligibility(offer, customer, channel, now) is null
        );
    }

    /// <summary>The arm's treatment first, whatever its expected net value (the experiment measures it), then the best
    /// of the rest.</summary>
    private static IEnumerable<RankedOffer> ChooseWithTreatments(
        IEnumerable<RankedOffer> ranked,
        int slots,
        TreatmentPlan treatment
    )
    {
        var all = ranked.ToList();
        var treated = all.Where(r => treatment.Treats(r.Candidate.Offer.Id))
            .OrderBy(r => r.Candidate.Offer.Id)
            .Take(Math.Max(0, slots))
            .ToList();
        return treated.Concat(
            OfferRules.Choose(all.Where(r => !treatment.Treats(r.Candidate.Offer.Id)), slots - treated.Count)
        );
    }

    private static readonly CompiledQuery<
        Func<PersonalizeDbContext, long[], IAsyncEnumerable<OfferAssignment>>
    > AssignmentsOf = new(() =>
        EF.CompileAsyncQuery(
            (PersonalizeDbContext db, long[] ids) => db.OfferAssignments.Where(a => ids.Contains(a.CustomerId))
        )
    );

    /// <summary>Every assignment of the customers (caps keep them few), from the near cache or one statement, summed up
    /// per customer.</summary>
    private async Task<Dictionary<long, OfferHistory>> HistoriesAsync(
        List<long> ids,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        var windowStart = now.AddDays(-options.Value.FrequencyWindowDays);
        var byCustomer = await nearCache.GetManyAsync(
            ids,
            AssignmentsFact,
            [],
            async (missing, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var assignments = new List<OfferAssignment>();
                await foreach (var assignment in AssignmentsOf.For(db)(db, [.. missing]).WithCancellation(ct))
                    assignments.Add(assignment);
                return assignments
                    .GroupBy(a => a.CustomerId)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<OfferAssignment>)g.ToList());
            },
            cancellationToken
        );
        return ids.ToDictionary(
            id => id,
            id => new OfferHistory(
                byCustomer[id].Where(a => a.RedeemedAt is null && a.ExpiresAt > now).ToList(),
                byCustomer[id].Count(a => a.AssignedAt >= windowStart),
                byCustomer[id].Max(a => a.RedeemedAt),
                byCustomer[id]
                    .GroupBy(a => a.OfferId)
                    .ToDictionary(
                        g => g.Key,
                        g => new OfferTally(g.Count(a => a.RedeemedAt != null), g.Max(a => a.Round))
                    )
            )
        );
    }

    internal static PropensityInput Features(OfferCandidate c, Channel channel, DateTime now) =>
        new(
            c.Customer.Stage,
            c.CustomerValue,
            DaysSince(c.Customer.LastOrderAt, now),
            c.Offer.RewardType,
            c.Offer.RewardValue,
            c.Offer.Cost,
            channel
        );

    private static int? DaysSince(DateTime? time, DateTime now) => time is { } t ? (int)(now - t).TotalDays : null;

    private OfferAssignment NewAssignment(RankedOffer choice, OfferHistory history, Channel channel, DateTime now)
    {
        var (customer, offer) = (choice.Candidate.Customer, choice.Candidate.Offer);
        var expires = now.AddDays(options.Value.AssignmentDays);
        if (offer.ValidUntil < expires)
            expires = offer.ValidUntil.Value;
        return new OfferAssignment
        {
            Code = NewCode(),
            OfferId = offer.Id,
            Offer = offer,
            CustomerId = customer.Id,
            Round = (history.ByOffer.GetValueOrDefault(offer.Id)?.LastRound ?? 0) + 1,
            Channel = channel,
            AssignedAt = now,
            ExpiresAt = expires,
            Stage = customer.Stage,
            CustomerValue = choice.Candidate.CustomerValue,
            DaysSinceLastOrder = DaysSince(customer.LastOrderAt, now),
            RedeemProbability = choice.RedeemProbability,
            ExpectedNetValue = choice.ExpectedNetValue,
            Reason = choice.Reason,
        };
    }

    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>12 random characters (60 bits) from an alphabet without look-alikes, grouped by four:
    /// K7QX-M2PA-9RTE.</summary>
    public static string NewCode()
    {
        Span<char> code = stackalloc char[14];
        for (var i = 0; i < code.Length; i++)
            code[i] = i is 4 or 9 ? '-' : CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        return new string(code);
    }
}

using Microsoft.EntityFrameworkCore;
using Personalize.Data;
using Personalize.Experiments;
using Personalize.Offers;
using Personalize.Querying;

namespace Personalize.Kpis;

/// <summary>
/// What an offer experiment measured for one arm showing an offer: the net value per exposed customer (revenue of their
/// orders within the attribution window after exposure − the rewards they redeemed in it) against customers shown no
/// offer (the experiment's holdout, or else a control variant without an offer), with Welch's 95 % interval.
/// </summary>
public sealed record OfferIncrementality(
    Experiment Experiment,
    ExperimentVariant Variant,
    bool AgainstHoldout,
    Sample Arm,
    Sample Reference,
    WelchResult? Difference
)
{
    /// <summary>The difference × the arm's customers: what showing the offer added over the period, net of its
    /// rewards.</summary>
    public double? IncrementalValue => Difference is { } d ? d.Difference * Arm.Count : null;
}

/// <summary>An offer's codes, redemptions and their cost over a period, and what experiments measured it
/// adds.</summary>
/// <param name="CodesGiven">Codes given in the period.</param>
/// <param name="CodesRedeemed">Of those, the codes redeemed since.</param>
/// <param name="Redemptions">Redemptions made in the period (whenever the code was given).</param>
/// <param name="RewardCost">What those redemptions cost (as charged to the offer's budget).</param>
/// <param name="RedeemedRevenue">The amounts of the orders that redeemed them.</param>
public sealed record OfferPerformance(
    Offer Offer,
    int CodesGiven,
    int CodesRedeemed,
    int Redemptions,
    decimal RewardCost,
    decimal RedeemedRevenue,
    IReadOnlyList<OfferIncrementality> Incrementality
)
{
    public double? RedemptionRate => CodesGiven == 0 ? null : (double)CodesRedeemed / CodesGiven;
}

/// <summary>
/// Offers' cost and incremental value over a period: codes and redemptions grouped per offer in SQL (two statements),
/// and per offer experiment with exposures in the period, each exposed customer's net value in the attribution window
/// (one statement per experiment).
/// </summary>
public sealed class OfferPerformanceQueries(AnalyticsDbContextFactory factory)
{
    public async Task<IReadOnlyList<OfferPerformance>> PerformanceAsync(
        DateTime from,
        DateTime to,
        CancellationToken cancellationToken
    )
    {
        PeriodArguments.Check(from, to);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var given = await db
            .OfferAssignments.Where(a => a.AssignedAt >= from && a.AssignedAt < to)
            .GroupBy(a => a.OfferId)
            .Select(g => new
            {
                OfferId = g.Key,
                Given = g.Count(),
                Redeemed = g.Count(a => a.RedeemedAt != null),
            })
            .ToDictionaryAsync(g => g.OfferId, cancellationToken);
        var redeemed = await db
            .OfferAssignments.Where(a => a.RedeemedAt >= from && a.RedeemedAt < to)
            .GroupJoin(
                db.Orders,
                a => a.RedeemedOrderId,
                o => (long?)o.Id,
                (a, orders) =>
                    new
                    {
                        a.OfferId,
                        a.CostCharged,
                        Amount = orders.Sum(o => (decimal?)o.Amount),
                    }
            )
            .GroupBy(a => a.OfferId)
            .Select(g => new
            {
                OfferId = g.Key,
                Count = g.Count(),
                Cost = g.Sum(a => a.CostCharged) ?? 0m,
                Revenue = g.Sum(a => a.Amount) ?? 0m,
            })
            .ToDictionaryAsync(g => g.OfferId, cancellationToken);
        var measured = await IncrementalityAsync(db, from, to, cancellationToken);

        var ids = given.Keys.Union(redeemed.Keys).Union(measured.Select(m => m.Variant.OfferId!.Value)).ToList();
        var offers = await db.Offers.Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        return offers
            .Select(offer => new OfferPerformance(
                offer,
                given.GetValueOrDefault(offer.Id)?.Given ?? 0,
                given.GetValueOrDefault(offer.Id)?.Redeemed ?? 0,
                redeemed.GetValueOrDefault(offer.Id)?.Count ?? 0,
                redeemed.GetValueOrDefault(offer.Id)?.Cost ?? 0m,
                redeemed.GetValueOrDefault(offer.Id)?.Revenue ?? 0m,
                measured.Where(m => m.Variant.OfferId == offer.Id).ToList()
            ))
            .OrderByDescending(p => p.RewardCost)
            .ThenByDescending(p => p.CodesGiven)
            .ThenBy(p => p.Offer.Code, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<List<OfferIncrementality>> IncrementalityAsync(
        PersonalizeDbContext db,
        DateTime from,
        DateTime to,
        CancellationToken cancellationToken
    )
    {
        var experiments = await db
            .Experiments.Include(e => e.Variants)
            .Where(e =>
                e.Subject == ExperimentSubject.Offer
                && e.Status != ExperimentStatus.Draft
                && db.ExperimentExposures.Any(x => x.ExperimentId == e.Id && x.ExposedAt >= from && x.ExposedAt < to)
            )
            .ToListAsync(cancellationToken);
        var result = new List<OfferIncrementality>();
        foreach (var experiment in experiments)
        {
            var (id, window) = (experiment.Id, experiment.AttributionWindowDays);
            var values = (
                await db
                    .ExperimentExposures.Where(x => x.ExperimentId == id && x.ExposedAt >= from && x.ExposedAt < to)
                    .Select(x => new
                    {
                        x.VariantId,
                        Revenue = db.Orders.Where(o =>
                                o.CustomerId == x.CustomerId
                                && o.OrderedAt >= x.ExposedAt
                                && o.OrderedAt < x.ExposedAt.AddDays(window)
                            )
                            .Sum(o => (decimal?)o.Amount)
                            ?? 0m,
                        Cost = db.OfferAssignments.Where(a =>
                                a.CustomerId == x.CustomerId
                                && a.RedeemedAt >= x.ExposedAt
                                && a.RedeemedAt < x.ExposedAt.AddDays(window)
                            )
                            .Sum(a => a.CostCharged)
                            ?? 0m,
                    })
                    .ToListAsync(cancellationToken)
            ).ToLookup(v => v.VariantId, v => (double)(v.Revenue - v.Cost));
            var noOffer = experiment.Variants.FirstOrDefault(v => v.IsControl && v.OfferId is null);
            var againstHoldout = experiment.HoldoutShare > 0 && values[null].Count() >= 2;
            var reference =
                againstHoldout ? values[null].ToList()
                : noOffer is null ? null
                : values[noOffer.Id].ToList();
            if (reference is null)
                continue;
            foreach (var variant in experiment.Variants.Where(v => v.OfferId is not null))
            {
                var (arm, baseline) = (Sample.Of(values[variant.Id].ToList()), Sample.Of(reference));
                result.Add(
                    new OfferIncrementality(
                        experiment,
                        variant,
                        againstHoldout,
                        arm,
                        baseline,
                        Welch.Test(arm, baseline)
                    )
                );
            }
        }
        return result;
    }
}

using Personalize.Experiments;

namespace Personalize.Kpis;

/// <summary>One side of the universal-holdout comparison over a period: its customers' revenue, retention and
/// CLV.</summary>
public sealed record HoldoutGroup(
    int Customers,
    decimal Revenue,
    double RevenuePerCustomer,
    Rate? Retention,
    int ScoredCustomers,
    decimal? AveragePredictedClv
);

/// <summary>
/// The universal holdout against everyone else in scope, for one period: what the whole program (personalization,
/// offers, experiments) adds. <see cref="RevenueDifference"/> is Welch's t-test of revenue per customer, personalized −
/// holdout.
/// </summary>
public sealed record UniversalHoldoutComparison(
    double Share,
    HoldoutGroup Holdout,
    HoldoutGroup Personalized,
    WelchResult? RevenueDifference
)
{
    public double? RetentionDifference =>
        Personalized.Retention is { } p && Holdout.Retention is { } h ? p.Value - h.Value : null;

    public decimal? ClvDifference => Personalized.AveragePredictedClv - Holdout.AveragePredictedClv;

    /// <summary>Splits the customers in scope by membership and sums their figures for [from, to) (retention against
    /// the previous period of the same length).</summary>
    public static UniversalHoldoutComparison Compute(
        UniversalHoldout holdout,
        IReadOnlyList<(long Id, string ExternalId, decimal? PredictedClv)> customers,
        IReadOnlyList<(long CustomerId, decimal Amount, bool InPeriod)> orders
    )
    {
        var byCustomer = orders
            .GroupBy(o => o.CustomerId)
            .ToDictionary(
                g => g.Key,
                g =>
                    (
                        Revenue: g.Where(o => o.InPeriod).Sum(o => o.Amount),
                        Now: g.Any(o => o.InPeriod),
                        Before: g.Any(o => !o.InPeriod)
                    )
            );
        HoldoutGroup Group(
            IReadOnlyList<(long Id, string ExternalId, decimal? PredictedClv)> members,
            out Sample revenue
        )
        {
            var revenues = members
                .Select(c => (double)(byCustomer.TryGetValue(c.Id, out var o) ? o.Revenue : 0))
                .ToList();
            revenue = Sample.Of(revenues);
            var previousBuyers = members.Where(c => byCustomer.TryGetValue(c.Id, out var o) && o.Before).ToList();
            var scored = members.Where(c => c.PredictedClv is not null).ToList();
            return new HoldoutGroup(
                members.Count,
                members.Sum(c => byCustomer.TryGetValue(c.Id, out var o) ? o.Revenue : 0),
                revenue.Mean,
                Rate.Of(previousBuyers.Count(c => byCustomer[c.Id].Now), previousBuyers.Count),
                scored.Count,
                scored.Count == 0 ? null : scored.Average(c => c.PredictedClv!.Value)
            );
        }
        var held = customers.Where(c => holdout.Contains(c.ExternalId)).ToList();
        var rest = customers.Where(c => !holdout.Contains(c.ExternalId)).ToList();
        var (holdoutGroup, personalizedGroup) = (Group(held, out var heldRevenue), Group(rest, out var restRevenue));
        return new UniversalHoldoutComparison(
            holdout.Share,
            holdoutGroup,
            personalizedGroup,
            Welch.Test(restRevenue, heldRevenue)
        );
    }
}

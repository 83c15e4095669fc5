using Microsoft.EntityFrameworkCore;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Orders;
using Personalize.Surveys;

namespace Personalize.Kpis;

/// <summary>
/// A trend's buckets in one statement per metric: each row gets its bucket's number in SQL — the count of bucket starts
/// at or before its time (<see cref="TimeBuckets"/>) — and the rows are grouped by it. The figures are those of
/// <see cref="KpiService.ReportAsync"/> for each bucket alone; retention, whose previous period of the same length
/// differs per bucket, is a UNION ALL of one small query per bucket, still one statement.
/// </summary>
internal sealed class KpiTrends(
    PersonalizeDbContext db,
    IQueryable<Customer>? scope,
    IReadOnlyList<(DateTime Start, DateTime End)> buckets
)
{
    private readonly DateTime _from = buckets[0].Start;
    private readonly DateTime _to = buckets[^1].End;

    // A row's bucket number: 1 for the first bucket, 0 before it.
    private readonly TimeBuckets _numbers = new(buckets.Select(b => b.Start).ToList());

    public async Task<double?[]> ValuesAsync(KpiMetric metric, CancellationToken cancellationToken) =>
        metric switch
        {
            KpiMetric.ActiveCustomers
            or KpiMetric.Orders
            or KpiMetric.Revenue
            or KpiMetric.AverageOrderValue
            or KpiMetric.RepeatPurchaseRate => Map(
                await OrderStatsAsync(cancellationToken),
                s =>
                    metric switch
                    {
                        KpiMetric.ActiveCustomers => s.Buyers,
                        KpiMetric.Orders => s.Orders,
                        KpiMetric.Revenue => (double)s.Revenue,
                        KpiMetric.AverageOrderValue => s.Orders == 0 ? null : (double)(s.Revenue / s.Orders),
                        _ => s.Buyers == 0 ? null : (double)s.Repeat / s.Buyers,
                    },
                metric is KpiMetric.RepeatPurchaseRate or KpiMetric.AverageOrderValue ? null : 0
            ),
            KpiMetric.RetentionRate or KpiMetric.ChurnRate => await RetentionAsync(
                metric == KpiMetric.ChurnRate,
                cancellationToken
            ),
            KpiMetric.NewCustomers or KpiMetric.NewCustomerAverageClv or KpiMetric.NewCustomerTotalClv =>
                await NewCustomersAsync(metric, cancellationToken),
            KpiMetric.Nps or KpiMetric.Csat => await SurveyAsync(
                metric == KpiMetric.Nps ? SurveyKind.Nps : SurveyKind.Csat,
                cancellationToken
            ),
            KpiMetric.OfferRedemptionRate => await RedemptionRateAsync(cancellationToken),
            KpiMetric.RewardCost => await RewardCostAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
        };

    private IQueryable<Customer> Customers => scope ?? db.Customers;

    private IQueryable<Order> Orders =>
        scope is null ? db.Orders : db.Orders.Where(o => scope.Select(c => c.Id).Contains(o.CustomerId));

    private sealed record OrderStats(int Buyers, int Orders, decimal Revenue, int Repeat);

    /// <summary>
    /// Per bucket: buyers, orders, revenue, and the buyers with two orders by the bucket's end — those whose first
    /// order came before the bucket, or who ordered twice in it.
    /// </summary>
    private async Task<Dictionary<int, OrderStats>> OrderStatsAsync(CancellationToken cancellationToken)
    {
        // Grouped first, then joined to the customer: an aggregate over a navigation inside the group would be a
        // subquery per group.
        var perCustomer = Orders
            .Where(o => o.OrderedAt >= _from && o.OrderedAt < _to)
            .Select(o => new
            {
                o.CustomerId,
                o.Amount,
                Bucket = TimeBuckets.Number(o.OrderedAt),
            })
            .GroupBy(o => new { o.CustomerId, o.Bucket })
            .Select(g => new
            {
                g.Key.CustomerId,
                g.Key.Bucket,
                Orders = g.Count(),
                Revenue = g.Sum(o => o.Amount),
            })
            .Join(
                db.Customers,
                p => p.CustomerId,
                c => c.Id,
                (p, c) =>
                    new
                    {
                        p.Bucket,
                        p.Orders,
                        p.Revenue,
                        First = TimeBuckets.Number(c.FirstOrderAt ?? _to),
                    }
            );
        var rows = await InSql(
                perCustomer
                    .GroupBy(c => c.Bucket)
                    .Select(g => new
                    {
                        Bucket = g.Key,
                        Buyers = g.Count(),
                        Orders = g.Sum(c => c.Orders),
                        Revenue = g.Sum(c => c.Revenue),
                        Repeat = g.Count(c => c.First < g.Key || c.Orders >= 2),
                    })
            )
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Bucket, r => new OrderStats(r.Buyers, r.Orders, r.Revenue, r.Repeat));
    }

    private async Task<double?[]> NewCustomersAsync(KpiMetric metric, CancellationToken cancellationToken)
    {
        var rows = await InSql(
                Customers
                    .Where(c => c.FirstOrderAt >= _from && c.FirstOrderAt < _to)
                    .Select(c => new { Bucket = TimeBuckets.Number(c.FirstOrderAt!.Value), Clv = c.PredictedClv ?? 0m })
                    .GroupBy(c => c.Bucket)
                    .Select(g => new
                    {
                        Bucket = g.Key,
                        Count = g.Count(),
                        Clv = g.Sum(c => c.Clv),
                    })
            )
            .ToDictionaryAsync(r => r.Bucket, cancellationToken);
        return Map(
            rows,
            r =>
                metric switch
                {
                    KpiMetric.NewCustomers => r.Count,
                    KpiMetric.NewCustomerTotalClv => (double)r.Clv,
                    _ => (double)(r.Clv / r.Count),
                },
            metric == KpiMetric.NewCustomerAverageClv ? null : 0
        );
    }

    private async Task<double?[]> SurveyAsync(SurveyKind kind, CancellationToken cancellationToken)
    {
        var answers = db.SurveyResponses.Where(s => s.Kind == kind && s.RespondedAt >= _from && s.RespondedAt < _to);
        if (scope is not null)
            answers = answers.Where(s => scope.Select(c => c.Id).Contains(s.CustomerId));
        var high = kind == SurveyKind.Nps ? 9 : 4;
        var rows = await InSql(
                answers
                    .Select(s => new { Bucket = TimeBuckets.Number(s.RespondedAt), s.Score })
                    .GroupBy(s => s.Bucket)
                    .Select(g => new
                    {
                        Bucket = g.Key,
                        All = g.Count(),
                        High = g.Count(s => s.Score >= high),
                        Low = g.Count(s => s.Score <= 6),
                    })
            )
            .ToDictionaryAsync(r => r.Bucket, cancellationToken);
        return Map(rows, r => kind == SurveyKind.Nps ? 100.0 * (r.High - r.Low) / r.All : 100.0 * r.High / r.All, null);
    }

    private IQueryable<Offers.OfferAssignment> Assignments =>
        scope is null
            ? db.OfferAssignments
            : db.OfferAssignments.Where(a => scope.Select(c => c.Id).Contains(a.CustomerId));

    private async Task<double?[]> RedemptionRateAsync(CancellationToken cancellationToken)
    {
        var rows = await InSql(
                Assignments
                    .Where(a => a.AssignedAt >= _from && a.AssignedAt < _to)
                    .Select(a => new { Bucket = TimeBuckets.Number(a.AssignedAt), Redeemed = a.RedeemedAt != null })
                    .GroupBy(a => a.Bucket)
                    .Select(g => new
                    {
                        Bucket = g.Key,
                        All = g.Count(),
                        Redeemed = g.Count(a => a.Redeemed),
                    })
            )
            .ToDictionaryAsync(r => r.Bucket, cancellationToken);
        return Map(rows, r => (double)r.Redeemed / r.All, null);
    }

    private async Task<double?[]> RewardCostAsync(CancellationToken cancellationToken)
    {
        var rows = await InSql(
                Assignments
                    .Where(a => a.RedeemedAt >= _from && a.RedeemedAt < _to)
                    .Select(a => new { Bucket = TimeBuckets.Number(a.RedeemedAt!.Value), Cost = a.CostCharged ?? 0m })
                    .GroupBy(a => a.Bucket)
                    .Select(g => new { Bucket = g.Key, Cost = g.Sum(a => a.Cost) })
            )
            .ToDictionaryAsync(r => r.Bucket, cancellationToken);
        return Map(rows, r => (double)r.Cost, 0);
    }

    /// <summary>Per bucket, of the buyers of the previous period of the bucket's length, the share who ordered in the
    /// bucket.</summary>
    private async Task<double?[]> RetentionAsync(bool churn, CancellationToken cancellationToken)
    {
        var orders = Orders;
        var perBucket = buckets
            .Select(
                (b, i) =>
                {
                    var (start, end, previous) = (b.Start, b.End, b.Start - (b.End - b.Start));
                    var number = i + 1;
                    // A set, not a probe per buyer: SQLite builds the bucket's buyers once.
                    var buyers = orders.Where(o => o.OrderedAt >= start && o.OrderedAt < end).Select(o => o.CustomerId);
                    return orders
                        .Where(o => o.OrderedAt >= previous && o.OrderedAt < start)
                        .Select(o => o.CustomerId)
                        .Distinct()
                        .Select(id => new RetentionRow { Bucket = number, Retained = buyers.Contains(id) ? 1 : 0 });
                }
            )
            .Aggregate((all, next) => all.Concat(next));
        var rows = await perBucket
            .GroupBy(r => r.Bucket)
            .Select(g => new
            {
                Bucket = g.Key,
                All = g.Count(),
                Retained = g.Sum(r => r.Retained),
            })
            .ToDictionaryAsync(r => r.Bucket, cancellationToken);
        return Map(rows, r => churn ? 1 - (double)r.Retained / r.All : (double)r.Retained / r.All, null);
    }

    // A class with settable properties so EF Core can union and group on its members.
    private sealed class RetentionRow
    {
        public int Bucket { get; init; }
        public int Retained { get; init; }
    }

    /// <summary>The values in bucket order; a bucket without rows gets <paramref name="absent"/>.</summary>
    private double?[] Map<T>(Dictionary<int, T> rows, Func<T, double?> value, double? absent) =>
        Enumerable
            .Range(1, buckets.Count)
            .Select(i => rows.TryGetValue(i, out var row) ? value(row) : absent)
            .ToArray();

    private IQueryable<T> InSql<T>(IQueryable<T> query) => _numbers.InSql(query);
}

using Microsoft.EntityFrameworkCore;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Querying;
using Personalize.Surveys;

namespace Personalize.Kpis;

/// <summary>
/// A trend's buckets in one statement per metric: each row gets its bucket's number in SQL — the count of bucket starts
/// at or before its time (<see cref="TimeBuckets"/>) — and the rows are grouped by it. The figures are those of
/// <see cref="KpiService.ReportAsync"/> for each bucket alone. The order metrics are not here: they come from
/// <see cref="OrderWindowPass"/>.
/// </summary>
internal sealed class KpiTrends(PersonalizeDbContext db, IQueryable<Customer>? scope, IReadOnlyList<KpiWindow> buckets)
{
    private readonly DateTime _from = buckets[0].Start;
    private readonly DateTime _to = buckets[^1].End;

    // A row's bucket number: 1 for the first bucket, 0 before it.
    private readonly TimeBuckets _numbers = new(buckets.Select(b => b.Start).ToList());

    public async Task<double?[]> ValuesAsync(KpiMetric metric, CancellationToken cancellationToken) =>
        metric switch
        {
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
        var answers = KpiScope.Answers(db, scope, kind, _from, _to);
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

    private IQueryable<Offers.OfferAssignment> Assignments => KpiScope.Assignments(db, scope);

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

    /// <summary>The values in bucket order; a bucket without rows gets <paramref name="absent"/>.</summary>
    private double?[] Map<T>(Dictionary<int, T> rows, Func<T, double?> value, double? absent) =>
        Enumerable
            .Range(1, buckets.Count)
            .Select(i => rows.TryGetValue(i, out var row) ? value(row) : absent)
            .ToArray();

    private IQueryable<T> InSql<T>(IQueryable<T> query) => _numbers.InSql(query);
}

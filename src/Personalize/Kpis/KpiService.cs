using Microsoft.EntityFrameworkCore;
using Personalize.Acquisition;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Offers;
using Personalize.Orders;
using Personalize.Querying;
using Personalize.Segments;
using Personalize.Surveys;

namespace Personalize.Kpis;

/// <summary>
/// Key figures computed in SQL for a period and a scope (everyone, or the current members of a segment).
/// Period figures use the orders and survey answers dated in [from, to); CLV and stages are the current scores.
/// </summary>
public sealed class KpiService(
    IDbContextFactory<PersonalizeDbContext> factory,
    Experiments.UniversalHoldout holdout,
    AcquisitionQueries acquisition
)
{
    public const int MaxTrendPoints = 400;

    public async Task<KpiReport> ReportAsync(
        DateTime from,
        DateTime to,
        string? segmentId,
        CancellationToken cancellationToken
    )
    {
        PeriodArguments.Check(from, to);
        // Microsoft.Data.Sqlite runs a statement synchronously inside its async methods. Returning to the caller first
        // lets GraphQL.NET run the other fields of the request (a dashboard view asks for a dozen trends) side by
        // side instead of one after another.
        await Task.Yield();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scope = await ScopeAsync(db, segmentId, cancellationToken);
        var period = new Period(db, scope, from, to);

        var orders = await period.OrderFiguresAsync(cancellationToken);
        var clv = await period
            .Customers.GroupBy(_ => 1)
            .Select(g => new
            {
                Customers = g.Count(),
                Scored = g.Count(c => c.PredictedClv != null),
                Predicted = g.Sum(c => c.PredictedClv) ?? 0m,
                Historical = g.Sum(c => c.HistoricalClv) ?? 0m,
            })
            .FirstOrDefaultAsync(cancellationToken);
        var stages = await period
            .Customers.GroupBy(c => c.Stage)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var customers = clv?.Customers ?? 0;

        UniversalHoldoutComparison? universal = null;
        if (holdout.Share > 0)
        {
            var members = (
                await period
                    .Customers.Select(c => new
                    {
                        c.Id,
                        c.ExternalId,
                        c.PredictedClv,
                    })
                    .ToListAsync(cancellationToken)
            ).Select(c => (c.Id, c.ExternalId, c.PredictedClv)).ToList();
            var previousFrom = from - (to - from);
            var orderRows = (
                await period
                    .ScopedOrders.Where(o => o.OrderedAt >= previousFrom && o.OrderedAt < to)
                    .Select(o => new
                    {
                        o.CustomerId,
                        o.Amount,
                        InPeriod = o.OrderedAt >= from,
                    })
                    .ToListAsync(cancellationToken)
            ).Select(o => (o.CustomerId, o.Amount, o.InPeriod)).ToList();
            universal = UniversalHoldoutComparison.Compute(holdout, members, orderRows);
        }

        return new KpiReport(
            from,
            to,
            segmentId,
            customers,
            orders.Buyers,
            await period.NewCustomersAsync(cancellationToken),
            orders.Orders,
            orders.Revenue,
            orders.Orders == 0 ? null : orders.Revenue / orders.Orders,
            orders.Retention,
            orders.RepeatPurchase,
            clv?.Scored ?? 0,
            clv?.Predicted ?? 0,
            clv is { Scored: > 0 } ? clv.Predicted / clv.Scored : null,
            clv?.Historical ?? 0,
            await period.NpsAsync(cancellationToken),
            await period.CsatAsync(cancellationToken),
            await period.OfferRedemptionAsync(cancellationToken),
            await period.RewardCostAsync(cancellationToken),
            Enum.GetValues<LifecycleStage>()
                .Select(stage =>
                {
                    var count = stages.FirstOrDefault(x => x.Stage == stage)?.Count ?? 0;
                    return new StageShare(stage, count, customers == 0 ? 0 : (double)count / customers);
                })
                .ToList()
        )
        {
            UniversalHoldout = universal,
        };
    }

    /// <summary>One metric per calendar bucket of [from, to); the first and last buckets are cut to the
    /// period.</summary>
    public async Task<IReadOnlyList<KpiPoint>> TrendAsync(
        KpiMetric metric,
        DateTime from,
        DateTime to,
        KpiInterval interval,
        string? segmentId,
        CancellationToken cancellationToken,
        string? channel = null
    )
    {
        PeriodArguments.Check(from, to);
        if (metric.IsAcquisition())
            return await AcquisitionTrendAsync(metric, from, to, interval, segmentId, channel, cancellationToken);
        if (channel is not null)
            throw new QueryException(
                "channel",
                "applies to the acquisition metrics only (MARKETING_SPEND, CAC, CLV_TO_CAC, PAYBACK_MONTHS)."
            );
        var buckets = Buckets(from, to, interval).ToList();
        if (buckets.Count > MaxTrendPoints)
            throw new QueryException(
                "interval",
                $"gives {buckets.Count} points for this period; at most "
                    + $"{MaxTrendPoints} are allowed: choose a longer interval or a shorter period."
            );

        await Task.Yield(); // as in ReportAsync
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scope = await ScopeAsync(db, segmentId, cancellationToken);
        var values = await new KpiTrends(db, scope, buckets).ValuesAsync(metric, cancellationToken);
        return buckets.Select((b, i) => new KpiPoint(b.Start, b.End, values[i])).ToList();
    }

    private async Task<IReadOnlyList<KpiPoint>> AcquisitionTrendAsync(
        KpiMetric metric,
        DateTime from,
        DateTime to,
        KpiInterval interval,
        string? segmentId,
        string? channel,
        CancellationToken cancellationToken
    )
    {
        CheckAcquisitionTrend(from, to, interval, segmentId);
        return AcquisitionTrend(metric, await acquisition.MonthsAsync(from, to, channel, cancellationToken));
    }

    /// <summary>Throws unless an acquisition metric (<see cref="KpiMetrics.IsAcquisition"/>) can be charted
    /// so.</summary>
    public static void CheckAcquisitionTrend(DateTime from, DateTime to, KpiInterval interval, string? segmentId)
    {
        PeriodArguments.Check(from, to);
        if (interval != KpiInterval.Month)
            throw new QueryException(
                "interval",
                "must be MONTH for spend, CAC, CLV:CAC and payback: spend is recorded per month."
            );
        if (segmentId is not null)
            throw new QueryException(
                "segmentId",
                "cannot limit spend, CAC, CLV:CAC or payback: spend is recorded per "
                    + "channel, not per segment; use `channel`."
            );
        if (Buckets(from, to, interval).Count() > MaxTrendPoints)
            throw new QueryException(
                "interval",
                $"gives more than {MaxTrendPoints} points for this period: choose a shorter period."
            );
    }

    /// <summary>An acquisition metric per calendar month of the months' period.</summary>
    public static IReadOnlyList<KpiPoint> AcquisitionTrend(KpiMetric metric, AcquisitionMonths months) =>
        months
            .Monthly()
            .Select(m => new KpiPoint(
                m.From,
                m.To,
                metric switch
                {
                    KpiMetric.MarketingSpend => (double)m.Total.Spend,
                    KpiMetric.Cac => (double?)m.Total.Cac,
                    KpiMetric.ClvToCac => m.Total.ClvToCac,
                    KpiMetric.PaybackMonths => m.Total.PaybackMonths,
                    _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
                }
            ))
            .ToList();

    public static IEnumerable<(DateTime Start, DateTime End)> Buckets(DateTime from, DateTime to, KpiInterval interval)
    {
        var start = from;
        while (start < to)
        {
            var end = NextBoundary(start, interval);
            if (end > to)
                end = to;
            yield return (start, end);
            start = end;
        }
    }

    private static DateTime NextBoundary(DateTime time, KpiInterval interval)
    {
        var day = time.Date;
        return interval switch
        {
            KpiInterval.Day => day.AddDays(1),
            KpiInterval.Week => day.AddDays(7 - ((int)day.DayOfWeek + 6) % 7),
            _ => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1),
        };
    }

    private static Task<IQueryable<Customer>?> ScopeAsync(
        PersonalizeDbContext db,
        string? segmentId,
        CancellationToken cancellationToken
    ) => KpiScope.MembersAsync(db, segmentId, cancellationToken);

    /// <summary>The queries of one period over one scope.</summary>
    private sealed class Period(PersonalizeDbContext db, IQueryable<Customer>? scope, DateTime from, DateTime to)
    {
        /// <summary>The customers in scope (everyone when there is no segment).</summary>
        public IQueryable<Customer> Customers => scope ?? db.Customers;

        public IQueryable<Order> ScopedOrders =>
            scope is null ? db.Orders : db.Orders.Where(o => scope.Select(c => c.Id).Contains(o.CustomerId));

        private IQueryable<OfferAssignment> Assignments =>
            scope is null
                ? db.OfferAssignments
                : db.OfferAssignments.Where(a => scope.Select(c => c.Id).Contains(a.CustomerId));

        private IQueryable<SurveyResponse> Answers(SurveyKind kind)
        {
            var answers = db.SurveyResponses.Where(s => s.Kind == kind && s.RespondedAt >= from && s.RespondedAt < to);
            return scope is null ? answers : answers.Where(s => scope.Select(c => c.Id).Contains(s.CustomerId));
        }

        /// <summary>The period's order figures, retention and repeat purchase.</summary>
        public sealed record OrderFigures(
            int Orders,
            decimal Revenue,
            int Buyers,
            Rate? Retention,
            Rate? RepeatPurchase
        );

        /// <summary>
        /// In one pass over the orders before the period's end, grouped by customer (the order of the customer index,
        /// so no sort): orders, revenue and buyers in the period; retention, the buyers of the previous period of the
        /// same length who bought again in this one; repeat purchase, the period's buyers with at least two orders by
        /// its end (a first order before the period, or two in it).
        /// </summary>
        public async Task<OrderFigures> OrderFiguresAsync(CancellationToken cancellationToken)
        {
            var previousFrom = from - (to - from);
            var counts = await ScopedOrders
                .Where(o => o.OrderedAt < to)
                .GroupBy(o => o.CustomerId)
                .Select(g => new
                {
                    Orders = g.Sum(o => o.OrderedAt >= from ? 1 : 0),
                    Revenue = g.Sum(o => o.OrderedAt >= from ? o.Amount : 0m),
                    Previous = g.Max(o => o.OrderedAt >= previousFrom && o.OrderedAt < from ? 1 : 0),
                    First = g.Min(o => o.OrderedAt),
                })
                .GroupBy(_ => 1)
                .Select(g => new
                {
                    Orders = g.Sum(c => c.Orders),
                    Revenue = g.Sum(c => c.Revenue),
                    Buyers = g.Count(c => c.Orders > 0),
                    Previous = g.Count(c => c.Previous == 1),
                    Retained = g.Count(c => c.Previous == 1 && c.Orders > 0),
                    Repeat = g.Count(c => c.Orders > 1 || (c.Orders == 1 && c.First < from)),
                })
                .FirstOrDefaultAsync(cancellationToken);
            return counts is null
                ? new OrderFigures(0, 0m, 0, null, null)
                : new OrderFigures(
                    counts.Orders,
                    counts.Revenue,
                    counts.Buyers,
                    Rate.Of(counts.Retained, counts.Previous),
                    Rate.Of(counts.Repeat, counts.Buyers)
                );
        }

        private IQueryable<Customer> NewCustomers =>
            Customers.Where(c => c.FirstOrderAt >= from && c.FirstOrderAt < to);

        public Task<int> NewCustomersAsync(CancellationToken cancellationToken) =>
            NewCustomers.CountAsync(cancellationToken);

        /// <summary>Of the assignments made in the period, those redeemed (at any time since).</summary>
        public async Task<Rate?> OfferRedemptionAsync(CancellationToken cancellationToken)
        {
            var counts = await Assignments
                .Where(a => a.AssignedAt >= from && a.AssignedAt < to)
                .GroupBy(_ => 1)
                .Select(g => new { All = g.Count(), Redeemed = g.Count(a => a.RedeemedAt != null) })
                .FirstOrDefaultAsync(cancellationToken);
            return counts is null ? null : Rate.Of(counts.Redeemed, counts.All);
        }

        /// <summary>The cost charged for the redemptions made in the period.</summary>
        public async Task<decimal> RewardCostAsync(CancellationToken cancellationToken) =>
            await Assignments
                .Where(a => a.RedeemedAt >= from && a.RedeemedAt < to)
                .SumAsync(a => a.CostCharged, cancellationToken)
            ?? 0m;

        public async Task<SurveyFigure?> NpsAsync(CancellationToken cancellationToken)
        {
            var counts = await Answers(SurveyKind.Nps)
                .GroupBy(_ => 1)
                .Select(g => new
                {
                    All = g.Count(),
                    Promoters = g.Count(s => s.Score >= 9),
                    Detractors = g.Count(s => s.Score <= 6),
                })
                .FirstOrDefaultAsync(cancellationToken);
            return counts is null
                ? null
                : new SurveyFigure(100.0 * (counts.Promoters - counts.Detractors) / counts.All, counts.All);
        }

        public async Task<SurveyFigure?> CsatAsync(CancellationToken cancellationToken)
        {
            var counts = await Answers(SurveyKind.Csat)
                .GroupBy(_ => 1)
                .Select(g => new { All = g.Count(), Satisfied = g.Count(s => s.Score >= 4) })
                .FirstOrDefaultAsync(cancellationToken);
            return counts is null ? null : new SurveyFigure(100.0 * counts.Satisfied / counts.All, counts.All);
        }
    }
}

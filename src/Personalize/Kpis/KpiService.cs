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
        CheckPeriod(from, to);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scope = await ScopeAsync(db, segmentId, cancellationToken);
        var period = new Period(db, scope, from, to);

        var orders = await period.OrderTotalsAsync(cancellationToken);
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
            await period.RetentionAsync(cancellationToken),
            await period.RepeatPurchaseAsync(cancellationToken),
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
            Acquisition = segmentId is null ? await acquisition.ReportAsync(from, to, null, cancellationToken) : null,
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
        CheckPeriod(from, to);
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
        var months = await acquisition.MonthlyAsync(from, to, channel, cancellationToken);
        return months
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
    }

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

    private static void CheckPeriod(DateTime from, DateTime to)
    {
        if (to <= from)
            throw new QueryException("to", "must be after from.");
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

        private IQueryable<Order> Orders => ScopedOrders.Where(o => o.OrderedAt >= from && o.OrderedAt < to);

        private IQueryable<OfferAssignment> Assignments =>
            scope is null
                ? db.OfferAssignments
                : db.OfferAssignments.Where(a => scope.Select(c => c.Id).Contains(a.CustomerId));

        private IQueryable<long> Buyers => Orders.Select(o => o.CustomerId).Distinct();

        private IQueryable<SurveyResponse> Answers(SurveyKind kind)
        {
            var answers = db.SurveyResponses.Where(s => s.Kind == kind && s.RespondedAt >= from && s.RespondedAt < to);
            return scope is null ? answers : answers.Where(s => scope.Select(c => c.Id).Contains(s.CustomerId));
        }

        public async Task<(int Orders, decimal Revenue, int Buyers)> OrderTotalsAsync(
            CancellationToken cancellationToken
        )
        {
            var totals = await Orders
                .GroupBy(_ => 1)
                .Select(g => new
                {
                    Orders = g.Count(),
                    Revenue = g.Sum(o => o.Amount),
                    Buyers = g.Select(o => o.CustomerId).Distinct().Count(),
                })
                .FirstOrDefaultAsync(cancellationToken);
            return totals is null ? (0, 0m, 0) : (totals.Orders, totals.Revenue, totals.Buyers);
        }

        private IQueryable<Customer> NewCustomers =>
            Customers.Where(c => c.FirstOrderAt >= from && c.FirstOrderAt < to);

        public Task<int> NewCustomersAsync(CancellationToken cancellationToken) =>
            NewCustomers.CountAsync(cancellationToken);

        /// <summary>Buyers of the previous period of the same length who bought again in this one.</summary>
        public async Task<Rate?> RetentionAsync(CancellationToken cancellationToken)
        {
            var previousFrom = from - (to - from);
            var previousBuyers = ScopedOrders
                .Where(o => o.OrderedAt >= previousFrom && o.OrderedAt < from)
                .Select(o => o.CustomerId)
                .Distinct();
            var counts = await previousBuyers
                .GroupBy(_ => 1)
                .Select(g => new { All = g.Count(), Retained = g.Count(id => Buyers.Contains(id)) })
                .FirstOrDefaultAsync(cancellationToken);
            return counts is null ? null : Rate.Of(counts.Retained, counts.All);
        }

        /// <summary>
        /// The period's buyers who have at least two orders by its end: those whose first order came before the period,
        /// and those who ordered twice in it (one pass over the period's orders).
        /// </summary>
        public async Task<Rate?> RepeatPurchaseAsync(CancellationToken cancellationToken)
        {
            var counts = await Orders
                .GroupBy(o => o.CustomerId)
                .Select(g => new { CustomerId = g.Key, Orders = g.Count() })
                .Join(db.Customers, b => b.CustomerId, c => c.Id, (b, c) => new { b.Orders, First = c.FirstOrderAt })
                .GroupBy(_ => 1)
                .Select(g => new { All = g.Count(), Repeat = g.Count(c => c.First < from || c.Orders >= 2) })
                .FirstOrDefaultAsync(cancellationToken);
            return counts is null ? null : Rate.Of(counts.Repeat, counts.All);
        }

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

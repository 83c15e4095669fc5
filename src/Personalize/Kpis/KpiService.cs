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
    AnalyticsDbContextFactory factory,
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
            await period.NewCustomersAsync(cancellationToken),
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

    /// <summary>
    /// The order figures (<see cref="OrderFigures"/>) of each window for everyone or a segment's current members, in
    /// one read of the orders however many windows there are (<see cref="OrderWindowPass"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<KpiWindow, OrderFigures>> OrderFiguresAsync(
        string? segmentId,
        IReadOnlyCollection<KpiWindow> windows,
        CancellationToken cancellationToken
    )
    {
        await Task.Yield(); // as in ReportAsync
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scope = await ScopeAsync(db, segmentId, cancellationToken);
        return await OrderWindowPass.FiguresAsync(db, scope, windows, cancellationToken);
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
        if (metric.IsAcquisition())
            return await AcquisitionTrendAsync(metric, from, to, interval, segmentId, channel, cancellationToken);
        var buckets = TrendBuckets(from, to, interval, channel);
        if (metric.IsOrderMetric())
        {
            var figures = await OrderFiguresAsync(segmentId, buckets, cancellationToken);
            return buckets.Select(b => new KpiPoint(b.Start, b.End, figures[b].Value(metric))).ToList();
        }

        await Task.Yield(); // as in ReportAsync
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scope = await ScopeAsync(db, segmentId, cancellationToken);
        var values = await new KpiTrends(db, scope, buckets).ValuesAsync(metric, cancellationToken);
        return buckets.Select((b, i) => new KpiPoint(b.Start, b.End, values[i])).ToList();
    }

    /// <summary>The buckets of a trend of a metric other than acquisition's; throws when the arguments do not
    /// fit.</summary>
    public static IReadOnlyList<KpiWindow> TrendBuckets(
        DateTime from,
        DateTime to,
        KpiInterval interval,
        string? channel
    )
    {
        PeriodArguments.Check(from, to);
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
        return buckets;
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

    public static IEnumerable<KpiWindow> Buckets(DateTime from, DateTime to, KpiInterval interval)
    {
        var start = from;
        while (start < to)
        {
            var end = NextBoundary(start, interval);
            if (end > to)
                end = to;
            yield return new KpiWindow(start, end);
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
            _ => CalendarMonth.StartOf(day).AddMonths(1),
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

        public IQueryable<Order> ScopedOrders => KpiScope.Orders(db, scope);

        private IQueryable<OfferAssignment> Assignments => KpiScope.Assignments(db, scope);

        private IQueryable<SurveyResponse> Answers(SurveyKind kind) => KpiScope.Answers(db, scope, kind, from, to);

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

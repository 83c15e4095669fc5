using GraphQL;
using GraphQL.Types;
using Personalize.Api.Acquisition;
using Personalize.Api.GraphQL;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public static class KpiQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<NonNullGraphType<KpiReportType>>("kpis")
            .Description(
                "Key figures for a period, for everyone or a segment's members: retention, churn, repeat "
                    + "purchase, CLV, NPS, CSAT, offer redemption and reward cost, stages, and (for everyone) spend, "
                    + "CAC, CLV:CAC and payback per acquisition channel."
            )
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the period (inclusive).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the period (exclusive).")
            .Argument<IdGraphType>("segmentId", "Limit the figures to this segment's current members.")
            .ResolveAsync(async ctx =>
                await ctx.Service<KpiService>()
                    .ReportAsync(
                        Utc(ctx.GetArgument<DateTime>("from")),
                        Utc(ctx.GetArgument<DateTime>("to")),
                        ctx.GetArgument<string?>("segmentId"),
                        ctx.CancellationToken
                    )
            );
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiPointType>>>>("kpiTrend")
            .Description(
                "One metric per day, week or month of a period, for charts (at most "
                    + $"{KpiService.MaxTrendPoints} points). Each bucket is computed like `kpis` for that bucket alone."
            )
            .Argument<NonNullGraphType<KpiMetricType>>("metric", "The metric to chart.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the period (inclusive).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the period (exclusive).")
            .Argument<NonNullGraphType<KpiIntervalType>>(
                "interval",
                "Bucket width; buckets follow the calendar (UTC), the first and last cut to the period."
            )
            .Argument<IdGraphType>(
                "segmentId",
                "Limit the figures to this segment's current members (not for the acquisition metrics)."
            )
            .Argument<StringGraphType>(
                "channel",
                "Acquisition metrics only: this acquisition channel instead of every channel."
            )
            .ResolveAsync(async ctx =>
            {
                var (metric, from, to) = (
                    ctx.GetArgument<KpiMetric>("metric"),
                    Utc(ctx.GetArgument<DateTime>("from")),
                    Utc(ctx.GetArgument<DateTime>("to"))
                );
                var (interval, segmentId, channel) = (
                    ctx.GetArgument<KpiInterval>("interval"),
                    ctx.GetArgument<string?>("segmentId"),
                    ctx.GetArgument<string?>("channel")
                );
                if (metric.IsOrderMetric())
                    return ctx.Loaders()
                        .OrderTrend(metric, segmentId, KpiService.TrendBuckets(from, to, interval, channel));
                if (!metric.IsAcquisition())
                    return await ctx.Service<KpiService>()
                        .TrendAsync(metric, from, to, interval, segmentId, ctx.CancellationToken, channel);
                KpiService.CheckAcquisitionTrend(from, to, interval, segmentId);
                return ctx.Loaders()
                    .AcquisitionMonths(from, to, channel)
                    .Then(months => KpiService.AcquisitionTrend(metric, months));
            });
    }

    /// <summary>The aggregates the dashboard charts beside the KPIs: stage flows, cohorts, CLV by segment,
    /// offers.</summary>
    public static void AddDashboardAggregatesTo(ObjectGraphType query)
    {
        query
            .Field<NonNullGraphType<StageFlowReportType>>("stageFlows")
            .Description(
                "The lifecycle stage distribution at the end of each day, week or month of a period and the "
                    + "moves between stages in it, from the stage history."
            )
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the period (inclusive).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the period (exclusive).")
            .Argument<NonNullGraphType<KpiIntervalType>>(
                "interval",
                $"Bucket width (at most {KpiService.MaxTrendPoints} buckets)."
            )
            .Argument<IdGraphType>("segmentId", "Limit it to this segment's current members.")
            .ResolveAsync(async ctx =>
                await ctx.Service<StageFlowQueries>()
                    .FlowsAsync(
                        Utc(ctx.GetArgument<DateTime>("from")),
                        Utc(ctx.GetArgument<DateTime>("to")),
                        ctx.GetArgument<KpiInterval>("interval"),
                        ctx.GetArgument<string?>("segmentId"),
                        ctx.CancellationToken
                    )
            );
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortType>>>>("cohortRetention")
            .Description(
                "Monthly acquisition cohorts (customers by the month of their first order, in [from, to); at "
                    + $"most {CohortQueries.MaxCohorts}) and the share of each that ordered in every month after, "
                    + "observed until `to`."
            )
            .Argument<NonNullGraphType<DateTimeGraphType>>(
                "from",
                "Cohorts whose first order is at or after this time."
            )
            .Argument<NonNullGraphType<DateTimeGraphType>>(
                "to",
                "Cohorts whose first order is before this time; activity is observed until then too."
            )
            .Argument<IntGraphType>(
                "months",
                $"Months after the first order to report, 1 to {CohortQueries.MaxMonths}.",
                a => a.DefaultValue = 12
            )
            .Argument<IdGraphType>("segmentId", "Limit the cohorts to this segment's current members.")
            .Argument<StringGraphType>("channel", "Limit the cohorts to customers of this acquisition channel.")
            .ResolveAsync(async ctx =>
                await ctx.Service<CohortQueries>()
                    .RetentionAsync(
                        Utc(ctx.GetArgument<DateTime>("from")),
                        Utc(ctx.GetArgument<DateTime>("to")),
                        ctx.GetArgument("months", 12),
                        ctx.GetArgument<string?>("segmentId"),
                        ctx.GetArgument<string?>("channel"),
                        ctx.CancellationToken
                    )
            );
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentClvType>>>>("clvBySegment")
            .Description(
                "Current CLV of every customer (the first row, segment null) and of each active segment's "
                    + "members, segments by name."
            )
            .Argument<IntGraphType>("first", $"How many segments, 1 to {SegmentClvQueries.MaxSegments}.", a =>
                a.DefaultValue = 50
            )
            .ResolveAsync(async ctx =>
                await ctx.Service<SegmentClvQueries>()
                    .ClvBySegmentAsync(ctx.GetArgument("first", 50), ctx.CancellationToken)
            );
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferPerformanceType>>>>("offerPerformance")
            .Description(
                "Each offer with codes given or redeemed in a period, or measured by an offer experiment "
                    + "with exposures in it: codes, redemptions, reward cost and incremental value; the costliest "
                    + "first."
            )
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the period (inclusive).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the period (exclusive).")
            .ResolveAsync(async ctx =>
                await ctx.Service<OfferPerformanceQueries>()
                    .PerformanceAsync(
                        Utc(ctx.GetArgument<DateTime>("from")),
                        Utc(ctx.GetArgument<DateTime>("to")),
                        ctx.CancellationToken
                    )
            );
    }

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime();
}

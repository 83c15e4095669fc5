using GraphQL.Types;
using Personalize.Api.Acquisition;
using Personalize.Api.GraphQL;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class KpiReportType : ObjectGraphType<KpiReport>
{
    public KpiReportType()
    {
        Name = "KpiReport";
        Description =
            "Key figures for a period [from, to) and the customers in scope (a segment's current members, "
            + "or everyone). "
            + "Period figures count the orders and survey answers dated in the period; CLV and stages are the "
            + "customers' current scores.";
        Field(k => k.From).Description("Start of the period (inclusive, UTC).");
        Field(k => k.To).Description("End of the period (exclusive, UTC).");
        Field<IdGraphType>("segmentId")
            .Description("The segment the figures are limited to; null for everyone.")
            .Resolve(ctx => ctx.Source.SegmentId);
        Field(k => k.Customers).Description("Customers in scope now.");
        OrderField<NonNullGraphType<IntGraphType>>(
            "activeCustomers",
            "Customers in scope with at least one order in the period.",
            f => f.Buyers
        );
        Field(k => k.NewCustomers).Description("Customers in scope whose first order falls in the period.");
        OrderField<NonNullGraphType<IntGraphType>>("orders", "Orders placed in the period.", f => f.Orders);
        OrderField<NonNullGraphType<DecimalGraphType>>("revenue", "Sum of the period's order amounts.", f => f.Revenue);
        OrderField<DecimalGraphType>("averageOrderValue", "Revenue / orders; null without orders.", f =>
            f.AverageOrderValue
        );
        OrderField<FloatGraphType>(
            "retentionRate",
            "Of the customers who ordered in the previous period of the same length, the share who "
                + "ordered again in this one; null when nobody ordered in the previous period.",
            f => f.Retention?.Value
        );
        OrderField<FloatGraphType>(
            "churnRate",
            "1 − retentionRate: the previous period's buyers who did not come back.",
            f => f.ChurnRate
        );
        OrderField<IntGraphType>("retainedCustomers", "The numerator of retentionRate.", f => f.Retention?.Numerator);
        OrderField<IntGraphType>("previousPeriodBuyers", "The denominator of retentionRate.", f =>
            f.Retention?.Denominator
        );
        OrderField<FloatGraphType>(
            "repeatPurchaseRate",
            "Of the period's buyers, the share with at least two orders by the period's end; null without buyers.",
            f => f.RepeatPurchase?.Value
        );
        Field(k => k.ScoredCustomers)
            .Description("Customers in scope with a predicted CLV (scored by `scores recompute`).");
        Field(k => k.TotalPredictedClv)
            .Description(
                "Sum of the current predicted CLV (discounted, over the scoring horizon) of the customers in scope."
            );
        Field(k => k.AveragePredictedClv, nullable: true)
            .Description("Mean predicted CLV of the scored customers in scope; null when none is scored.");
        Field(k => k.TotalHistoricalClv)
            .Description(
                "Sum of the historical CLV (revenue to date) of the customers in scope, as of their last scoring."
            );
        Field<SurveyFigureType>("nps")
            .Description(
                "Net Promoter Score of the period's NPS answers: % promoters "
                    + "(9-10) − % detractors (0-6), −100 to 100; null without answers."
            )
            .Resolve(ctx => ctx.Source.Nps);
        Field<SurveyFigureType>("csat")
            .Description("Share (%) of the period's CSAT answers that are 4 or 5; null without answers.")
            .Resolve(ctx => ctx.Source.Csat);
        Field<FloatGraphType>("offerRedemptionRate")
            .Description(
                "Of the offer assignments (codes) given in the period to customers in scope, the share "
                    + "redeemed since; null when none was given."
            )
            .Resolve(ctx => ctx.Source.OfferRedemption?.Value);
        Field<IntGraphType>("offersAssigned")
            .Description("The denominator of offerRedemptionRate.")
            .Resolve(ctx => ctx.Source.OfferRedemption?.Denominator);
        Field(k => k.RewardCost)
            .Description(
                "What the redemptions made in the period cost the business (the offers' "
                    + "cost per redemption, as charged to their budgets)."
            );
        Field<UniversalHoldoutComparisonType>("universalHoldout")
            .Description(
                "The universal holdout against everyone "
                    + "else in scope (revenue, retention, CLV); null while Experiments:UniversalHoldout:Share is 0."
            )
            .Resolve(ctx => ctx.Source.UniversalHoldout);
        Field<Acquisition.AcquisitionReportType>("acquisition")
            .Description(
                "Spend, customer acquisition cost (CAC), CLV:CAC and payback per acquisition channel and in "
                    + "total; null when the report is limited to a segment (spend is recorded per channel, not per "
                    + "segment)."
            )
            .Resolve(ctx =>
                ctx.Source.SegmentId is null
                    ? ctx.Loaders().AcquisitionMonths(ctx.Source.From, ctx.Source.To, null).Then(m => m.Report())
                    : null
            );
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageShareType>>>>("stageDistribution")
            .Description("Customers in scope per current lifecycle stage, every stage listed.")
            .Resolve(ctx => ctx.Source.Stages);
    }

    /// <summary>A figure of the period's <see cref="OrderFigures"/>, read through the loader that the request's order
    /// trends share.</summary>
    private void OrderField<TGraphType>(string name, string description, Func<OrderFigures, object?> value)
        where TGraphType : IGraphType =>
        Field<TGraphType>(name)
            .Description(description)
            .Resolve(ctx =>
                ctx.Loaders()
                    .OrderFigures(ctx.Source.SegmentId, new KpiWindow(ctx.Source.From, ctx.Source.To))
                    .Then(value)
            );
}

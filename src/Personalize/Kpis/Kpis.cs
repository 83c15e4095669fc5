using Personalize.Common;

namespace Personalize.Kpis;

/// <summary>The key figures of a period [From, To) for the customers in scope (a segment, or everyone), but its order
/// figures: those come from <see cref="KpiService.OrderFiguresAsync"/>, which computes many periods in one read.</summary>
public sealed record KpiReport(
    DateTime From,
    DateTime To,
    string? SegmentId,
    int Customers,
    int NewCustomers,
    int ScoredCustomers,
    decimal TotalPredictedClv,
    decimal? AveragePredictedClv,
    decimal TotalHistoricalClv,
    SurveyFigure? Nps,
    SurveyFigure? Csat,
    Rate? OfferRedemption,
    decimal RewardCost,
    IReadOnlyList<StageShare> Stages
)
{
    /// <summary>The universal holdout against everyone else in scope; null while the holdout is off.</summary>
    public UniversalHoldoutComparison? UniversalHoldout { get; init; }
}

/// <summary>A share: <see cref="Numerator"/> of <see cref="Denominator"/>; null where the denominator is 0.</summary>
public sealed record Rate(int Numerator, int Denominator)
{
    public double Value => (double)Numerator / Denominator;

    public static Rate? Of(int numerator, int denominator) =>
        denominator == 0 ? null : new Rate(numerator, denominator);
}

/// <summary>A survey score and the number of answers it is computed from.</summary>
public sealed record SurveyFigure(double Score, int Responses);

public sealed record StageShare(LifecycleStage Stage, int Customers, double Share);

/// <summary>A period [Start, End): a report's, or one bucket of a trend. Retention compares it with its previous
/// period, the one of the same length just before it.</summary>
public readonly record struct KpiWindow(DateTime Start, DateTime End)
{
    public DateTime PreviousStart => Start - (End - Start);
}

/// <summary>One bucket of a trend: [Start, End) and the metric's value there (null where undefined, e.g. no
/// answers).</summary>
public sealed record KpiPoint(DateTime Start, DateTime End, double? Value);

public enum KpiMetric
{
    // The acquisition metrics come last (see KpiMetrics.IsAcquisition).
    [System.ComponentModel.Description(
        "Share of the previous equal-length period's buyers who bought again in this one."
    )]
    RetentionRate,

    [System.ComponentModel.Description("1 − retention rate.")]
    ChurnRate,

    [System.ComponentModel.Description("Share of the period's buyers with at least two orders by the period's end.")]
    RepeatPurchaseRate,

    [System.ComponentModel.Description("Customers with at least one order in the period.")]
    ActiveCustomers,

    [System.ComponentModel.Description("Customers whose first order falls in the period.")]
    NewCustomers,

    [System.ComponentModel.Description("Orders placed in the period.")]
    Orders,

    [System.ComponentModel.Description("Sum of the period's order amounts.")]
    Revenue,

    [System.ComponentModel.Description("Revenue / orders in the period.")]
    AverageOrderValue,

    [System.ComponentModel.Description(
        "Net Promoter Score of the period's NPS answers: % promoters (9-10) − % detractors (0-6), from −100 to 100."
    )]
    Nps,

    [System.ComponentModel.Description("Share (%) of the period's CSAT answers that are 4 or 5.")]
    Csat,

    [System.ComponentModel.Description("Of the offer assignments made in the period, the share redeemed since.")]
    OfferRedemptionRate,

    [System.ComponentModel.Description("What the redemptions made in the period cost the business.")]
    RewardCost,

    [System.ComponentModel.Description(
        "Mean current predicted CLV of the customers whose first order falls in the "
            + "bucket: the value of each period's new customers; null without new customers."
    )]
    NewCustomerAverageClv,

    [System.ComponentModel.Description(
        "Sum of the current predicted CLV of the customers whose first order falls in the bucket."
    )]
    NewCustomerTotalClv,

    [System.ComponentModel.Description(
        "Acquisition (monthly buckets): marketing spend, each month's spend counted "
            + "for the part of the month inside the bucket."
    )]
    MarketingSpend,

    [System.ComponentModel.Description(
        "Acquisition (monthly buckets): customer acquisition cost, spend ÷ customers "
            + "whose first order falls in the bucket; null without such customers."
    )]
    Cac,

    [System.ComponentModel.Description(
        "Acquisition (monthly buckets): the acquired customers' average CLV (margin to "
            + "date + predicted CLV) ÷ CAC; null when the CAC is 0 or undefined."
    )]
    ClvToCac,

    [System.ComponentModel.Description(
        "Acquisition (monthly buckets): months until the acquired customers' "
            + "cumulative margin per customer reaches the CAC; null until it does."
    )]
    PaybackMonths,
}

public enum KpiInterval
{
    [System.ComponentModel.Description("Calendar days (UTC).")]
    Day,

    [System.ComponentModel.Description("ISO weeks, Monday to Sunday (UTC).")]
    Week,

    [System.ComponentModel.Description("Calendar months (UTC).")]
    Month,
}

public static class KpiMetrics
{
    /// <summary>Spend, CAC, CLV:CAC and payback: computed per channel and calendar month from the spend
    /// records.</summary>
    public static bool IsAcquisition(this KpiMetric metric) => metric >= KpiMetric.MarketingSpend;

    /// <summary>Retention, churn, repeat purchase, buyers, orders, revenue and average order value: the metrics of
    /// <see cref="OrderFigures"/>.</summary>
    public static bool IsOrderMetric(this KpiMetric metric) =>
        metric
            is KpiMetric.RetentionRate
                or KpiMetric.ChurnRate
                or KpiMetric.RepeatPurchaseRate
                or KpiMetric.ActiveCustomers
                or KpiMetric.Orders
                or KpiMetric.Revenue
                or KpiMetric.AverageOrderValue;
}

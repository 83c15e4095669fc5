using GraphQL.Types;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class HoldoutGroupType : ObjectGraphType<HoldoutGroup>
{
    public HoldoutGroupType()
    {
        Name = "HoldoutGroup";
        Description = "One side of the universal-holdout comparison over the report's period.";
        Field(g => g.Customers).Description("Customers in scope on this side.");
        Field(g => g.Revenue).Description("Sum of their order amounts in the period.");
        Field(g => g.RevenuePerCustomer).Description("Revenue / customers (customers without an order count as 0).");
        Field<FloatGraphType>("retentionRate")
            .Description(
                "Of this side's buyers of the previous period of the same "
                    + "length, the share who ordered in this one; null without such buyers."
            )
            .Resolve(ctx => ctx.Source.Retention?.Value);
        Field<IntGraphType>("previousPeriodBuyers")
            .Description("The denominator of retentionRate.")
            .Resolve(ctx => ctx.Source.Retention?.Denominator);
        Field(g => g.ScoredCustomers).Description("Customers on this side with a predicted CLV.");
        Field(g => g.AveragePredictedClv, nullable: true)
            .Description("Mean predicted CLV of the scored customers; null when none is scored.");
    }
}

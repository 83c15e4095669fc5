using GraphQL.Types;
using Personalize.Experiments;

namespace Personalize.Api.Experiments;

public sealed class ExperimentArmMetricsType : ObjectGraphType<ArmMetrics>
{
    public ExperimentArmMetricsType()
    {
        Name = "ExperimentArmMetrics";
        Description =
            "An arm's metrics over all its exposed customers; orders count when placed within the "
            + "attribution window after the customer's exposure (so far, for windows still open).";
        Field(m => m.Customers).Description("Exposed customers.");
        Field(m => m.RevenuePerCustomer)
            .Description("Revenue of the window's orders / exposed customers (raw, not CUPED-adjusted).");
        Field(m => m.OrdersPerCustomer).Description("Orders in the window / exposed customers.");
        Field(m => m.AverageOrderValue, nullable: true)
            .Description("Revenue / orders in the window; null without orders.");
        Field(m => m.ConversionRate)
            .Description("Share of exposed customers with a recorded conversion within the window.");
        Field(m => m.DismissRate)
            .Description("Guardrail: share of exposed customers who dismissed content in the window.");
        Field(m => m.ConsentWithdrawalRate)
            .Description("Guardrail: share of exposed customers who withdrew a consent in the window.");
        Field(m => m.RewardCostPerCustomer)
            .Description("Guardrail: cost of the rewards redeemed in the window / exposed customers.");
    }
}

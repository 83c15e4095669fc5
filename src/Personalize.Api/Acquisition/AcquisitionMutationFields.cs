using GraphQL;
using GraphQL.Types;
using Personalize.Acquisition;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Customers;

namespace Personalize.Api.Acquisition;

public static class AcquisitionMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<CustomerType, Customer>>>("setCustomerAcquisition")
            .Description(
                "Records the channel and campaign that acquired a customer, replacing what was recorded. The "
                    + "customer must exist (upsertCustomer)."
            )
            .Argument<NonNullGraphType<SetCustomerAcquisitionInputType>>(
                "input",
                "The customer, the channel and the campaign."
            )
            .ResolveAsync(async ctx =>
                await ctx.Service<AcquisitionService>()
                    .SetCustomerAcquisitionAsync(
                        ctx.GetArgument<SetCustomerAcquisitionInput>("input"),
                        ctx.CancellationToken
                    )
            );
        mutation
            .Field<NonNullGraphType<RecordMarketingSpendPayloadType>>("recordMarketingSpend")
            .Description(
                "Records marketing spend per channel and month. Each channel and month is stored once: "
                    + "sending it again replaces the "
                    + "amount, so a month can be re-sent or corrected safely. All entries are written or none; at most "
                    + $"{AcquisitionService.MaxSpendEntries} per call."
            )
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<MarketingSpendInputType>>>>(
                "entries",
                "One entry per channel and month."
            )
            .ResolveAsync(async ctx =>
                await ctx.Service<AcquisitionService>()
                    .RecordSpendAsync(ctx.GetArgument<List<MarketingSpendInput>>("entries"), ctx.CancellationToken)
            );
    }
}

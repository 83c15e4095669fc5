using GraphQL.Types;
using Personalize.Customers;

namespace Personalize.Api.Acquisition;

public sealed class CustomerAcquisitionType : ObjectGraphType<Customer>
{
    public CustomerAcquisitionType()
    {
        Name = "CustomerAcquisition";
        Description =
            "How a customer was acquired. The customer counts as acquired at their first order (see "
            + "`kpis.acquisition`).";
        Field<NonNullGraphType<StringGraphType>>("channel")
            .Description("The channel, e.g. paid-search.")
            .Resolve(ctx => ctx.Source.AcquisitionChannel);
        Field("campaign", c => c.AcquisitionCampaign, nullable: true)
            .Description("The campaign within the channel; null when none was recorded.");
    }
}

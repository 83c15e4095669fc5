using GraphQL.Types;
using Personalize.Acquisition;

namespace Personalize.Api.Acquisition;

public sealed class SetCustomerAcquisitionInputType : InputObjectGraphType<SetCustomerAcquisitionInput>
{
    public SetCustomerAcquisitionInputType()
    {
        Name = "SetCustomerAcquisitionInput";
        Description = "The channel and campaign that acquired a customer.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.");
        Field(a => a.Channel)
            .Description(
                $"The channel, a slug of at most {AcquisitionRules.MaxChannelLength} "
                    + "characters, e.g. paid-search, paid-social, referral, organic."
            );
        Field(a => a.Campaign, nullable: true)
            .Description(
                "The campaign within the channel (at most "
                    + $"{AcquisitionRules.MaxCampaignLength} characters); null for none."
            );
    }
}

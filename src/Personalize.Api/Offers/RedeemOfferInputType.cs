using GraphQL.Types;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public sealed class RedeemOfferInputType : InputObjectGraphType<RedeemOfferInput>
{
    public RedeemOfferInputType()
    {
        Name = "RedeemOfferInput";
        Description = "A redemption: which code, on which order.";
        Field<NonNullGraphType<IdGraphType>>("code").Description("The redemption code of an assignment (any case).");
        Field<NonNullGraphType<IdGraphType>>("orderId")
            .Description("The order it is redeemed on; record the order first with `recordOrder`.");
        Field(i => i.Source, nullable: true)
            .Description("The system the order comes from (default \"default\"), as given to `recordOrder`.");
    }
}

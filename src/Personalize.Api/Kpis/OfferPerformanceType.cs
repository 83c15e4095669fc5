using GraphQL.Types;
using Personalize.Api.Offers;
using Personalize.Kpis;

namespace Personalize.Api.Kpis;

public sealed class OfferPerformanceType : ObjectGraphType<OfferPerformance>
{
    public OfferPerformanceType()
    {
        Name = "OfferPerformance";
        Description =
            "An offer's codes, redemptions and reward cost over a period, and the incremental value its "
            + "experiments measured.";
        Field<NonNullGraphType<OfferType>>("offer").Description("The offer.").Resolve(ctx => ctx.Source.Offer);
        Field(p => p.CodesGiven).Description("Codes (assignments) given in the period.");
        Field(p => p.CodesRedeemed).Description("Of the codes given in the period, those redeemed since.");
        Field(p => p.RedemptionRate, nullable: true)
            .Description("codesRedeemed ÷ codesGiven; null when no code was given.");
        Field(p => p.Redemptions).Description("Redemptions made in the period, whenever their code was given.");
        Field(p => p.RewardCost)
            .Description("What those redemptions cost the business (as charged to the offer's budget).");
        Field(p => p.RedeemedRevenue)
            .Description(
                "The amounts of the orders that redeemed them (gross: these "
                    + "customers may have ordered anyway; see incrementality)."
            );
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferIncrementalityType>>>>("incrementality")
            .Description(
                "Per experiment arm that showed this offer to customers exposed in the period: its net value "
                    + "against customers shown no offer; empty when no experiment measured it."
            )
            .Resolve(ctx => ctx.Source.Incrementality);
    }
}

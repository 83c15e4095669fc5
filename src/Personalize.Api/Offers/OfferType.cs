using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Api.Loyalty;
using Personalize.Api.Segments;
using Personalize.Common;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public sealed class OfferType : ObjectGraphType<Offer>
{
    public OfferType()
    {
        Name = "Offer";
        Description = "A reward a customer can be offered, with who may get it and what it may cost.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The offer's code.").Resolve(ctx => ctx.Source.Code);
        Field(o => o.Title).Description("Title shown to the customer.");
        Field(o => o.Description, nullable: true).Description("Longer text shown to the customer.");
        Field<NonNullGraphType<RewardTypeType>>("rewardType")
            .Description("What the customer gets.")
            .Resolve(ctx => ctx.Source.RewardType);
        Field(o => o.RewardValue)
            .Description(
                "Size of the reward: percent for PERCENT_OFF, amount for AMOUNT_OFF, "
                    + "factor for POINTS_MULTIPLIER, points for BONUS_POINTS; 0 otherwise."
            );
        Field(o => o.Cost).Description("What one redemption costs the business.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LifecycleStageType>>>>("eligibleStages")
            .Description("Stages that may receive it; empty means every stage.")
            .Resolve(ctx => StageSets.ToList(ctx.Source.EligibleStages));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentType>>>>("eligibleSegments")
            .Description("Segments that may receive it; empty means everyone.")
            .Resolve(ctx => ctx.Source.EligibleSegments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("eligibleCountries")
            .Description("Countries that may receive it; empty means every country.")
            .Resolve(ctx => ctx.Source.EligibleCountries.Select(c => c.Country).Order());
        Field(o => o.MinClv, nullable: true).Description("Lowest customer lifetime value that may receive it.");
        Field(o => o.MaxClv, nullable: true).Description("Highest customer lifetime value that may receive it.");
        Field<LoyaltyTierType>("minLoyaltyTier")
            .Description("Lowest loyalty tier that may receive it; null: every tier.")
            .Resolve(ctx => ctx.Source.MinLoyaltyTier);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelType>>>>("channels")
            .Description("Channels it may be shown on.")
            .Resolve(ctx => ChannelSets.ToList(ctx.Source.Channels));
        Field(o => o.ValidFrom, nullable: true).Description("Start of validity (UTC); null: no start.");
        Field(o => o.ValidUntil, nullable: true).Description("End of validity (UTC); null: no end.");
        Field(o => o.TotalBudget, nullable: true).Description("Total the offer may cost; null: unlimited.");
        Field(o => o.BudgetSpent).Description("Cost of the redemptions so far.");
        Field(o => o.PerCustomerCap, nullable: true)
            .Description("How many times one customer may redeem it; null: no limit.");
        Field<NonNullGraphType<OfferStatusType>>("status")
            .Description("DRAFT, ACTIVE, PAUSED or ARCHIVED.")
            .Resolve(ctx => ctx.Source.Status);
        Field(o => o.CreatedAt).Description("When the offer was created.");
        Field(o => o.UpdatedAt).Description("When the offer was last changed.");
    }
}

using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public sealed class OfferInputType : InputObjectGraphType<OfferInput>
{
    public OfferInputType()
    {
        Name = "OfferInput";
        Description = "An offer's fields. On update, absent fields keep their values.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The offer's code: upper-case letters, digits, dashes and underscores, e.g. WELCOME_10.");
        Field(o => o.Title, nullable: true).Description("Title, at most 300 characters (required on create).");
        Field(o => o.Description, nullable: true).Description("Longer text, at most 2000 characters.");
        Field<RewardTypeType>("rewardType").Description("What the customer gets (required on create).");
        Field(o => o.RewardValue, nullable: true).Description("Size of the reward (0-100 for PERCENT_OFF).");
        Field(o => o.Cost, nullable: true).Description("What one redemption costs the business (required on create).");
        Field<ListGraphType<NonNullGraphType<LifecycleStageType>>>("eligibleStages")
            .Description("Stages that may receive it; empty means every stage.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("eligibleSegments")
            .Description("Ids of the segments that may receive it.");
        Field(o => o.MinClv, nullable: true).Description("Lowest customer lifetime value that may receive it.");
        Field(o => o.MaxClv, nullable: true).Description("Highest customer lifetime value that may receive it.");
        Field(o => o.MinLoyaltyTier, nullable: true)
            .Description(
                "Lowest loyalty tier that may receive it, a "
                    + "`LoyaltyTier` value such as GOLD; an empty string clears it."
            );
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("eligibleCountries")
            .Description("ISO country codes that may receive it; empty means every country.");
        Field<ListGraphType<NonNullGraphType<ChannelType>>>("channels")
            .Description("Channels it may be shown on (default: all).");
        Field(o => o.ValidFrom, nullable: true).Description("Start of validity.");
        Field(o => o.ValidUntil, nullable: true).Description("End of validity (after the start).");
        Field(o => o.TotalBudget, nullable: true).Description("Total the offer may cost.");
        Field(o => o.PerCustomerCap, nullable: true).Description("How many times one customer may redeem it (1-1000).");
        Field<OfferStatusType>("status").Description("DRAFT (default), ACTIVE, PAUSED or ARCHIVED.");
    }
}

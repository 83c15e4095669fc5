using GraphQL;
using GraphQL.Types;
using Personalize.Api.Loyalty;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
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
        Field<NonNullGraphType<RewardTypeType>>("rewardType").Description("What the customer gets.").Resolve(ctx => ctx.Source.RewardType);
        Field(o => o.RewardValue).Description("Size of the reward: percent for PERCENT_OFF, amount for AMOUNT_OFF, factor for POINTS_MULTIPLIER, points for BONUS_POINTS; 0 otherwise.");
        Field(o => o.Cost).Description("What one redemption costs the business.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LifecycleStageType>>>>("eligibleStages").Description("Stages that may receive it; empty means every stage.").Resolve(ctx => StageSets.ToList(ctx.Source.EligibleStages));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentType>>>>("eligibleSegments").Description("Segments that may receive it; empty means everyone.").Resolve(ctx => ctx.Source.EligibleSegments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("eligibleCountries").Description("Countries that may receive it; empty means every country.").Resolve(ctx => ctx.Source.EligibleCountries.Select(c => c.Country).Order());
        Field(o => o.MinClv, nullable: true).Description("Lowest customer lifetime value that may receive it.");
        Field(o => o.MaxClv, nullable: true).Description("Highest customer lifetime value that may receive it.");
        Field<LoyaltyTierType>("minLoyaltyTier").Description("Lowest loyalty tier that may receive it; null: every tier.").Resolve(ctx => ctx.Source.MinLoyaltyTier);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelType>>>>("channels").Description("Channels it may be shown on.").Resolve(ctx => ChannelSets.ToList(ctx.Source.Channels));
        Field(o => o.ValidFrom, nullable: true).Description("Start of validity (UTC); null: no start.");
        Field(o => o.ValidUntil, nullable: true).Description("End of validity (UTC); null: no end.");
        Field(o => o.TotalBudget, nullable: true).Description("Total the offer may cost; null: unlimited.");
        Field(o => o.BudgetSpent).Description("Cost of the redemptions so far.");
        Field(o => o.PerCustomerCap, nullable: true).Description("How many times one customer may redeem it; null: no limit.");
        Field<NonNullGraphType<OfferStatusType>>("status").Description("DRAFT, ACTIVE, PAUSED or ARCHIVED.").Resolve(ctx => ctx.Source.Status);
        Field(o => o.CreatedAt).Description("When the offer was created.");
        Field(o => o.UpdatedAt).Description("When the offer was last changed.");
    }
}

public static class OfferQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<OfferType>("offer")
            .Description("One offer by code; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The offer's code.")
            .Resolve(ctx => ctx.Loaders()
                .Get<string, Offer>("offer", async (ids, ct) => await ctx.Service<OfferQueries>().ByCodesAsync(ids.ToList(), ct))
                .Load(ctx.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ConnectionType<OfferType, Offer>>>("offers")
            .Description("Offers, filtered and sorted in the database, a page at a time.")
            .Paged(OfferQueries.Filter.TypeName, OfferQueries.Sort.TypeName)
            .ResolveAsync(async ctx => await ctx.Service<OfferQueries>().ListAsync(ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken));
    }
}

public static class OfferMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<OfferType, Offer>>>("createOffer")
            .Description("Creates an offer; `id`, `title`, `rewardType` and `cost` are required.")
            .Argument<NonNullGraphType<OfferInputType>>("input", "The offer.")
            .ResolveAsync(async ctx => await ctx.Service<OfferService>().CreateAsync(ctx.GetArgument<OfferInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<OfferType, Offer>>>("updateOffer")
            .Description("Changes the fields given of an existing offer; absent fields keep their values.")
            .Argument<NonNullGraphType<OfferInputType>>("input", "The offer's code and the fields to change.")
            .ResolveAsync(async ctx => await ctx.Service<OfferService>().UpdateAsync(ctx.GetArgument<OfferInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<OfferType, Offer>>>("archiveOffer")
            .Description("Retires an offer: it is kept, but never given again.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The offer's code.")
            .ResolveAsync(async ctx => await ctx.Service<OfferService>().ArchiveAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }
}

public sealed class OfferInputType : InputObjectGraphType<OfferInput>
{
    public OfferInputType()
    {
        Name = "OfferInput";
        Description = "An offer's fields. On update, absent fields keep their values.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The offer's code: upper-case letters, digits, dashes and underscores, e.g. WELCOME_10.");
        Field(o => o.Title, nullable: true).Description("Title, at most 300 characters (required on create).");
        Field(o => o.Description, nullable: true).Description("Longer text, at most 2000 characters.");
        Field<RewardTypeType>("rewardType").Description("What the customer gets (required on create).");
        Field(o => o.RewardValue, nullable: true).Description("Size of the reward (0-100 for PERCENT_OFF).");
        Field(o => o.Cost, nullable: true).Description("What one redemption costs the business (required on create).");
        Field<ListGraphType<NonNullGraphType<LifecycleStageType>>>("eligibleStages").Description("Stages that may receive it; empty means every stage.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("eligibleSegments").Description("Ids of the segments that may receive it.");
        Field(o => o.MinClv, nullable: true).Description("Lowest customer lifetime value that may receive it.");
        Field(o => o.MaxClv, nullable: true).Description("Highest customer lifetime value that may receive it.");
        Field(o => o.MinLoyaltyTier, nullable: true).Description("Lowest loyalty tier that may receive it, a `LoyaltyTier` value such as GOLD; an empty string clears it.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("eligibleCountries").Description("ISO country codes that may receive it; empty means every country.");
        Field<ListGraphType<NonNullGraphType<ChannelType>>>("channels").Description("Channels it may be shown on (default: all).");
        Field(o => o.ValidFrom, nullable: true).Description("Start of validity.");
        Field(o => o.ValidUntil, nullable: true).Description("End of validity (after the start).");
        Field(o => o.TotalBudget, nullable: true).Description("Total the offer may cost.");
        Field(o => o.PerCustomerCap, nullable: true).Description("How many times one customer may redeem it (1-1000).");
        Field<OfferStatusType>("status").Description("DRAFT (default), ACTIVE, PAUSED or ARCHIVED.");
    }
}

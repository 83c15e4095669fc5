using GraphQL;
using GraphQL.Types;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public sealed class LoyaltyAccountType : ObjectGraphType<LoyaltyAccount>
{
    public LoyaltyAccountType()
    {
        Name = "LoyaltyAccount";
        Description =
            "A customer's loyalty standing now: points balance (after expiry), tier by spend over the "
            + "rolling last 12 months, and the points ledger.";
        Field(a => a.Points).Description("Points available now: credits minus spending minus expired points.");
        Field<NonNullGraphType<LoyaltyTierType>>("tier")
            .Description("Current tier, from the spend of the last 12 months.")
            .Resolve(ctx => ctx.Source.Tier.Name);
        Field<NonNullGraphType<DecimalGraphType>>("tierMultiplier")
            .Description("Points multiplier of the current tier, applied to the points orders earn.")
            .Resolve(ctx => ctx.Source.Tier.Multiplier);
        Field<LoyaltyTierType>("nextTier")
            .Description("The next tier up; null at the top tier.")
            .Resolve(ctx => ctx.Source.NextTier?.Name);
        Field(a => a.PointsToNextTier, nullable: true)
            .Description(
                "Points the customer would earn at the current "
                    + "tier's rate by spending what is missing for the next tier; null at the top tier."
            );
        Field(a => a.SpendToNextTier, nullable: true)
            .Description("Spend missing, over the rolling 12 months, to reach the next tier; null at the top tier.");
        Field(a => a.RollingSpend).Description("Spend over the last 12 months, which sets the tier.");
        Field(a => a.AsOf).Description("The time the balance and tier are computed for (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LoyaltyEntryType>>>>("history")
            .Description(
                "The ledger, newest first: earned, spent, expired, referral and bonus points, each with the "
                    + "balance after it."
            )
            .Argument<IntGraphType>("first", "How many entries at most (default 20).", a => a.DefaultValue = 20)
            .Resolve(ctx => ctx.Source.History.Reverse().Take(Math.Clamp(ctx.GetArgument("first", 20), 0, 1000)));
    }
}

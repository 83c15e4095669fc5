using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Customers;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public sealed class LoyaltyAccountType : ObjectGraphType<LoyaltyAccount>
{
    public LoyaltyAccountType()
    {
        Name = "LoyaltyAccount";
        Description = "A customer's loyalty standing now: points balance (after expiry), tier by spend over the rolling last 12 months, and the points ledger.";
        Field(a => a.Points).Description("Points available now: credits minus spending minus expired points.");
        Field<NonNullGraphType<LoyaltyTierType>>("tier").Description("Current tier, from the spend of the last 12 months.").Resolve(ctx => ctx.Source.Tier.Name);
        Field<NonNullGraphType<DecimalGraphType>>("tierMultiplier").Description("Points multiplier of the current tier, applied to the points orders earn.").Resolve(ctx => ctx.Source.Tier.Multiplier);
        Field<LoyaltyTierType>("nextTier").Description("The next tier up; null at the top tier.").Resolve(ctx => ctx.Source.NextTier?.Name);
        Field(a => a.PointsToNextTier, nullable: true).Description("Points the customer would earn at the current tier's rate by spending what is missing for the next tier; null at the top tier.");
        Field(a => a.SpendToNextTier, nullable: true).Description("Spend missing, over the rolling 12 months, to reach the next tier; null at the top tier.");
        Field(a => a.RollingSpend).Description("Spend over the last 12 months, which sets the tier.");
        Field(a => a.AsOf).Description("The time the balance and tier are computed for (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LoyaltyEntryType>>>>("history")
            .Description("The ledger, newest first: earned, spent, expired, referral and bonus points, each with the balance after it.")
            .Argument<IntGraphType>("first", "How many entries at most (default 20).", a => a.DefaultValue = 20)
            .Resolve(ctx => ctx.Source.History.Reverse().Take(Math.Clamp(ctx.GetArgument("first", 20), 0, 1000)));
    }
}

public sealed class LoyaltyEntryType : ObjectGraphType<LoyaltyLine>
{
    public LoyaltyEntryType()
    {
        Name = "LoyaltyEntry";
        Description = "One line of the points ledger.";
        Field<NonNullGraphType<LoyaltyEntryKindType>>("kind").Description("What moved the points.").Resolve(ctx => ctx.Source.Kind);
        Field(l => l.Points).Description("Points credited (positive) or debited (negative).");
        Field(l => l.OccurredAt).Description("When (UTC); for expiry, when the points expired.");
        Field(l => l.Description, nullable: true).Description("What it was for.");
        Field(l => l.BalanceAfter).Description("The balance after this line.");
    }
}

public sealed class LoyaltyEntryKindType() : DescribedEnumType<LoyaltyEntryKind>("What moved a customer's points.");

public sealed class ReferralType : ObjectGraphType<Referral>
{
    public ReferralType()
    {
        Name = "Referral";
        Description = "A referral rewarded on both sides.";
        Field<NonNullGraphType<LoyaltyAccountType>>("referrer").Description("The account of the customer who referred.").Resolve(ctx => ctx.Source.Referrer);
        Field<NonNullGraphType<LoyaltyAccountType>>("referee").Description("The account of the customer who was referred.").Resolve(ctx => ctx.Source.Referee);
    }
}

public static class CustomerLoyaltyFields
{
    public static void AddTo(ObjectGraphType<Customer> customer) =>
        customer.Field<NonNullGraphType<LoyaltyAccountType>>("loyalty")
            .Description("Loyalty points, tier and ledger now (batched over the page).")
            .Resolve(ctx => ctx.Loaders()
                .Get<long, LoyaltyAccount>("Customer.loyalty", (ids, ct) => ctx.Service<LoyaltyService>().AccountsAsync(ids.ToList(), ct))
                .Load(ctx.Source.Id));
}

public static class LoyaltyMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<LoyaltyAccountType, LoyaltyAccount>>>("redeemPoints")
            .Description("Spends points on a reward, oldest points first. Idempotent by `idempotencyKey`. More points than the balance is a ValidationError; an unknown customer a NotFoundError.")
            .Argument<NonNullGraphType<RedeemPointsInputType>>("input", "Who spends how many points.")
            .ResolveAsync(async ctx => await ctx.Service<LoyaltyService>().RedeemPointsAsync(ctx.GetArgument<RedeemPointsInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<ReferralType, Referral>>>("recordReferral")
            .Description("Rewards a referral on both sides (Loyalty:ReferrerPoints, Loyalty:RefereePoints). A customer can be referred once: the same referral again changes nothing, " +
                         "another referrer for the same customer is a ConflictError.")
            .Argument<NonNullGraphType<RecordReferralInputType>>("input", "Who referred whom.")
            .ResolveAsync(async ctx => await ctx.Service<LoyaltyService>().RecordReferralAsync(ctx.GetArgument<RecordReferralInput>("input"), ctx.CancellationToken));
    }
}

public sealed class RedeemPointsInputType : InputObjectGraphType<RedeemPointsInput>
{
    public RedeemPointsInputType()
    {
        Name = "RedeemPointsInput";
        Description = "Points to spend on a reward.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.");
        Field(i => i.Points).Description("How many points (at least 1, at most the balance).");
        Field<NonNullGraphType<IdGraphType>>("idempotencyKey").Description("Unique per spend: a retried request with the same key spends once.");
        Field(i => i.Description, nullable: true).Description("What the points buy, shown in the ledger (at most 300 characters).");
    }
}

public sealed class RecordReferralInputType : InputObjectGraphType<RecordReferralInput>
{
    public RecordReferralInputType()
    {
        Name = "RecordReferralInput";
        Description = "A referral between two known customers.";
        Field<NonNullGraphType<IdGraphType>>("referrerId").Description("The customer who referred.");
        Field<NonNullGraphType<IdGraphType>>("refereeId").Description("The customer who was referred (a different customer).");
    }
}

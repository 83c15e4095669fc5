using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Loyalty;

namespace Personalize.Api.Loyalty;

public static class LoyaltyMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<LoyaltyAccountType, LoyaltyAccount>>>("redeemPoints")
            .Description(
                "Spends points on a reward, oldest points first. Idempotent by `idempotencyKey`. More points "
                    + "than the balance is a ValidationError; an unknown customer a NotFoundError."
            )
            .Argument<NonNullGraphType<RedeemPointsInputType>>("input", "Who spends how many points.")
            .ResolveAsync(async ctx =>
                await ctx.Service<LoyaltyService>()
                    .RedeemPointsAsync(ctx.GetArgument<RedeemPointsInput>("input"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ReferralType, Referral>>>("recordReferral")
            .Description(
                "Rewards a referral on both sides (Loyalty:ReferrerPoints, Loyalty:RefereePoints). A "
                    + "customer can be referred once: the same referral again changes nothing, "
                    + "another referrer for the same customer is a ConflictError."
            )
            .Argument<NonNullGraphType<RecordReferralInputType>>("input", "Who referred whom.")
            .ResolveAsync(async ctx =>
                await ctx.Service<LoyaltyService>()
                    .RecordReferralAsync(ctx.GetArgument<RecordReferralInput>("input"), ctx.CancellationToken)
            );
    }
}

using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public static class OfferAssignmentMutationFields
{
    public static void AddTo(ObjectGraphType mutation) =>
        mutation
            .Field<NonNullGraphType<PayloadType<OfferAssignmentType, OfferAssignment>>>("redeemOffer")
            .Description(
                "Redeems a code against a recorded order of the same customer and charges the offer's "
                    + "budget. Idempotent: the same code with the same order "
                    + "returns the same redemption and counts once. Errors: unknown code or order (NotFoundError), "
                    + "the order of another customer, an expired code "
                    + "(ValidationError), a code used with another order, the budget spent, the per-customer cap "
                    + "reached (ConflictError)."
            )
            .Argument<NonNullGraphType<RedeemOfferInputType>>("input", "The code and the order.")
            .ResolveAsync(async ctx =>
                await ctx.Service<OfferRedemptionService>()
                    .RedeemAsync(ctx.GetArgument<RedeemOfferInput>("input"), ctx.CancellationToken)
            );
}

using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public static class OfferMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<OfferType, Offer>>>("createOffer")
            .Description("Creates an offer; `id`, `title`, `rewardType` and `cost` are required.")
            .Argument<NonNullGraphType<OfferInputType>>("input", "The offer.")
            .ResolveAsync(async ctx =>
                await ctx.Service<OfferService>()
                    .CreateAsync(ctx.GetArgument<OfferInput>("input"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<OfferType, Offer>>>("updateOffer")
            .Description("Changes the fields given of an existing offer; absent fields keep their values.")
            .Argument<NonNullGraphType<OfferInputType>>("input", "The offer's code and the fields to change.")
            .ResolveAsync(async ctx =>
                await ctx.Service<OfferService>()
                    .UpdateAsync(ctx.GetArgument<OfferInput>("input"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<OfferType, Offer>>>("archiveOffer")
            .Description("Retires an offer: it is kept, but never given again.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The offer's code.")
            .ResolveAsync(async ctx =>
                await ctx.Service<OfferService>().ArchiveAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken)
            );
    }
}

using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public static class OfferQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<OfferType>("offer")
            .Description("One offer by code; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The offer's code.")
            .Resolve(ctx => ctx.Loaders().OfferById(ctx.GetArgument<string>("id")));

        query
            .Field<NonNullGraphType<ConnectionType<OfferType, Offer>>>("offers")
            .Description("Offers, filtered and sorted in the database, a page at a time.")
            .Paged(OfferQueries.Filter.TypeName, OfferQueries.Sort.TypeName)
            .ResolveAsync(async ctx =>
                await ctx.Service<OfferQueries>()
                    .ListAsync(ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken)
            );
    }
}

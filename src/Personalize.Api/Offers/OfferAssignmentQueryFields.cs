using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Offers;

namespace Personalize.Api.Offers;

public static class OfferAssignmentQueryFields
{
    public static void AddTo(ObjectGraphType query) =>
        query.Field<OfferAssignmentType>("offerAssignment")
            .Description("An assignment by its redemption code (any case), e.g. to check a code at checkout; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("code", "The redemption code.")
            .Resolve(ctx => ctx.Loaders()
                .Get<string, OfferAssignment>("offerAssignment", (codes, ct) => ctx.Service<OfferAssignmentQueries>().ByCodesAsync(codes.ToList(), ct))
                .Load(ctx.GetArgument<string>("code")));
}

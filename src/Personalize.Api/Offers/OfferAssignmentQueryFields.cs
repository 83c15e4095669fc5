using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;

namespace Personalize.Api.Offers;

public static class OfferAssignmentQueryFields
{
    public static void AddTo(ObjectGraphType query) =>
        query
            .Field<OfferAssignmentType>("offerAssignment")
            .Description(
                "An assignment by its redemption code (any case), e.g. to check a code at checkout; null when unknown."
            )
            .Argument<NonNullGraphType<IdGraphType>>("code", "The redemption code.")
            .Resolve(ctx => ctx.Loaders().AssignmentByCode(ctx.GetArgument<string>("code")));
}

using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public static class RecommendationMutationFields
{
    public static void AddTo(ObjectGraphType mutation) =>
        mutation
            .Field<NonNullGraphType<PayloadType<PlacementType, Placement>>>("upsertPlacement")
            .Description(
                "Creates a placement or changes its rules; each item may take one rule per placement. Served "
                    + "within `Recommendations:RefreshSeconds`."
            )
            .Argument<NonNullGraphType<PlacementInputType>>("input", "The placement.")
            .ResolveAsync(async ctx =>
                await ctx.Service<PlacementService>()
                    .UpsertAsync(ctx.GetArgument<PlacementInput>("input"), ctx.CancellationToken)
            );
}

using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public static class RecommendationQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlacementType>>>>("placements")
            .Description("Every placement and its merchandising rules, by id.")
            .ResolveAsync(async ctx => await ctx.Service<PlacementService>().AllAsync(ctx.CancellationToken));

        query
            .Field<RecommenderModelType>("recommenderModel")
            .Description(
                "The recommender model version this instance serves; null before the first `recommender train`."
            )
            .ResolveAsync(async ctx =>
                (await ctx.Service<RecommendationSnapshots>().GetAsync(ctx.CancellationToken)).Model
                    is { Version: > 0 } m
                    ? m
                    : null
            );
    }
}

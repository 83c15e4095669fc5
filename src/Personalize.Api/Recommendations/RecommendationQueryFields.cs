using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public static class RecommendationQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<PersonalizationType>>("personalize")
            .Description("One call per page view: the customer's stage and recommended content for a placement and channel. An unknown customer id gets the decisions for an anonymous prospect, never an error.")
            .Argument<NonNullGraphType<IdGraphType>>("customerId", "The caller's own customer id.")
            .Argument<NonNullGraphType<StringGraphType>>("placement", "The placement's id, e.g. \"home-hero\".")
            .Argument<NonNullGraphType<ChannelType>>("channel", "Where the decisions will be shown.")
            .Argument<IntGraphType>("first", "How many recommendations (at most 50).", a => a.DefaultValue = 10)
            .Resolve(ctx =>
            {
                var id = ctx.GetArgument<string>("customerId");
                var (placement, channel, first) = (ctx.GetArgument<string>("placement"), ctx.GetArgument<Channel>("channel"), ctx.GetArgument("first", 10));
                return ctx.Loaders()
                    .Get<string, Customer>("customer", async (ids, ct) => await ctx.Service<CustomerQueries>().ByExternalIdsAsync(ids.ToList(), ct))
                    .Load(id)
                    .Then(c => new Personalization(c ?? Personalization.Unknown(id), id, placement, channel, first));
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlacementType>>>>("placements")
            .Description("Every placement and its merchandising rules, by id.")
            .ResolveAsync(async ctx => await ctx.Service<PlacementService>().AllAsync(ctx.CancellationToken));

        query.Field<RecommenderModelType>("recommenderModel")
            .Description("The recommender model version this instance serves; null before the first `recommender train`.")
            .ResolveAsync(async ctx => (await ctx.Service<RecommendationSnapshots>().GetAsync(ctx.CancellationToken)).Model is { Version: > 0 } m ? m : null);
    }
}

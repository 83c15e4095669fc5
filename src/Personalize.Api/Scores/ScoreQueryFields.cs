using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Scores;

namespace Personalize.Api.Scores;

public static class ScoreQueryFields
{
    public static void AddTo(ObjectGraphType query) =>
        query
            .Field<ClvModelType>("clvModel")
            .Description("The CLV models of the latest `scores recompute`; null before the first.")
            .ResolveAsync(async ctx => await ctx.Service<ClvModelStore>().CurrentAsync(ctx.CancellationToken));
}

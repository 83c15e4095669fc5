using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Lifecycle;

namespace Personalize.Api.Lifecycle;

public static class LifecycleQueryFields
{
    public static void AddTo(ObjectGraphType query) =>
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<LifecycleStageSummaryType>>>>("lifecycleStages")
            .Description("Every lifecycle stage with what it means and how many customers are in it now.")
            .ResolveAsync(async ctx => await ctx.Service<LifecycleStages>().SummariesAsync(ctx.CancellationToken));
}

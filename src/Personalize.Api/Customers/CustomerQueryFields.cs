using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Api.Scores;
using Personalize.Customers;
using Personalize.Lifecycle;
using Personalize.Scores;

namespace Personalize.Api.Customers;

public static class CustomerQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<CustomerType>("customer")
            .Description("One customer by the caller's own id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The caller's own customer id.")
            .Resolve(ctx => ctx.Loaders()
                .Get<string, Customer>("customer", async (ids, ct) => await ctx.Service<CustomerQueries>().ByExternalIdsAsync(ids.ToList(), ct))
                .Load(ctx.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<CustomerType>>>("customersByIds")
            .Description("Customers by the caller's own ids, in the order given; null where an id is unknown. At most 5000 ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "The caller's own customer ids.")
            .ResolveAsync(async ctx =>
            {
                var ids = ctx.GetArgument<List<string>>("ids");
                if (ids.Count > 5000) throw new ExecutionError($"ids: at most 5000 per request; got {ids.Count}.") { Code = "INVALID_ARGUMENT" };
                var found = await ctx.Service<CustomerQueries>().ByExternalIdsAsync(ids, ctx.CancellationToken);
                return ids.Select(id => found.GetValueOrDefault(id));
            });

        query.Field<NonNullGraphType<ConnectionType<CustomerType, Customer>>>("customers")
            .Description("Customers, filtered and sorted in the database, a page at a time.")
            .Paged(CustomerQueries.Filter.TypeName, CustomerQueries.Sort.TypeName)
            .ResolveAsync(async ctx => await ctx.Service<CustomerQueries>().ListAsync(ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken));

        query.Field<ClvModelType>("clvModel")
            .Description("The CLV models of the latest `scores recompute`; null before the first.")
            .ResolveAsync(async ctx => await ctx.Service<ClvModelStore>().CurrentAsync(ctx.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<LifecycleStageSummaryType>>>>("lifecycleStages")
            .Description("Every lifecycle stage with what it means and how many customers are in it now.")
            .ResolveAsync(async ctx =>
            {
                var counts = await ctx.Service<CustomerQueries>().CountByStageAsync(ctx.CancellationToken);
                var classifier = ctx.Service<LifecycleClassifier>();
                return counts.Select(c => new LifecycleStageSummary(c.Key, classifier.Describe(c.Key), c.Value));
            });
    }
}

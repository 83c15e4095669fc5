using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Customers;

namespace Personalize.Api.Customers;

public static class CustomerQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<CustomerType>("customer")
            .Description("One customer by the caller's own id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The caller's own customer id.")
            .Resolve(ctx => ctx.Loaders().CustomerById(ctx.GetArgument<string>("id")));

        query
            .Field<NonNullGraphType<ListGraphType<CustomerType>>>("customersByIds")
            .Description(
                "Customers by the caller's own ids, in the order given; null where an id is unknown. At most 5000 ids."
            )
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>(
                "ids",
                "The caller's own customer ids."
            )
            .ResolveAsync(async ctx =>
                await ctx.Service<CustomerQueries>()
                    .InOrderAsync(ctx.GetArgument<List<string>>("ids"), ctx.CancellationToken)
            );

        query
            .Field<NonNullGraphType<ConnectionType<CustomerType, Customer>>>("customers")
            .Description("Customers, filtered and sorted in the database, a page at a time.")
            .Paged(CustomerQueries.Filter.TypeName, CustomerQueries.Sort.TypeName)
            .ResolveAsync(async ctx =>
                await ctx.Service<CustomerQueries>()
                    .ListAsync(ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken)
            );
    }
}

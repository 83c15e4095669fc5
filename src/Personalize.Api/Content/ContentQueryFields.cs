using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Content;

namespace Personalize.Api.Content;

public static class ContentQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<ContentItemType>("contentItem")
            .Description("One content item by id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The item's id (slug).")
            .Resolve(ctx => ctx.Loaders().ContentItemById(ctx.GetArgument<string>("id")));

        query
            .Field<NonNullGraphType<ConnectionType<ContentItemType, ContentItem>>>("contentItems")
            .Description("Content items, filtered and sorted in the database, a page at a time.")
            .Paged(ContentQueries.Filter.TypeName, ContentQueries.Sort.TypeName)
            .ResolveAsync(async ctx =>
                await ctx.Service<ContentQueries>()
                    .ListAsync(ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken)
            );
    }
}

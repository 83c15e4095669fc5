using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Content;

namespace Personalize.Api.Content;

public static class ContentMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<ContentItemType, ContentItem>>>("createContentItem")
            .Description("Creates a content item; `id`, `kind` and `title` are required.")
            .Argument<NonNullGraphType<ContentItemInputType>>("input", "The item.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ContentService>()
                    .CreateAsync(ctx.GetArgument<ContentItemInput>("input"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ContentItemType, ContentItem>>>("updateContentItem")
            .Description(
                "Changes the fields given of an existing item; absent fields keep their values, an empty "
                    + "string clears a text, an empty list clears a list."
            )
            .Argument<NonNullGraphType<ContentItemInputType>>("input", "The item's id and the fields to change.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ContentService>()
                    .UpdateAsync(ctx.GetArgument<ContentItemInput>("input"), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<ContentItemType, ContentItem>>>("archiveContentItem")
            .Description("Retires an item: it is kept, but never shown again.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The item's id.")
            .ResolveAsync(async ctx =>
                await ctx.Service<ContentService>().ArchiveAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken)
            );
    }
}

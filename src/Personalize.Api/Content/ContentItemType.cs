using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Api.Segments;
using Personalize.Common;
using Personalize.Content;

namespace Personalize.Api.Content;

public sealed class ContentItemType : ObjectGraphType<ContentItem>
{
    public ContentItemType()
    {
        Name = "ContentItem";
        Description = "Something to show a customer: an article, a guide, a video, a product...";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The item's id (slug).").Resolve(ctx => ctx.Source.Slug);
        Field<NonNullGraphType<ContentKindType>>("kind").Description("What sort of content it is.").Resolve(ctx => ctx.Source.Kind);
        Field(c => c.Title).Description("Title.");
        Field(c => c.Summary, nullable: true).Description("A short summary.");
        Field(c => c.Url, nullable: true).Description("Where the item lives.");
        Field(c => c.ImageUrl, nullable: true).Description("An image to show with it.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Tags, lower case, sorted.").Resolve(ctx => ctx.Source.Tags.Select(t => t.Tag).Order());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LifecycleStageType>>>>("targetStages").Description("Stages the item is meant for; empty means every stage.").Resolve(ctx => StageSets.ToList(ctx.Source.TargetStages));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentType>>>>("targetSegments").Description("Segments the item is meant for; empty means everyone.").Resolve(ctx => ctx.Source.TargetSegments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelType>>>>("channels").Description("Channels the item may be shown on.").Resolve(ctx => ChannelSets.ToList(ctx.Source.Channels));
        Field(c => c.Locale, nullable: true).Description("BCP 47 locale; null means any locale.");
        Field(c => c.PublishFrom, nullable: true).Description("Start of the publication window (UTC); null: no start.");
        Field(c => c.PublishUntil, nullable: true).Description("End of the publication window (UTC); null: no end.");
        Field<NonNullGraphType<ContentStatusType>>("status").Description("DRAFT, PUBLISHED or ARCHIVED.").Resolve(ctx => ctx.Source.Status);
        Field(c => c.CreatedAt).Description("When the item was created.");
        Field(c => c.UpdatedAt).Description("When the item was last changed.");
    }
}

public static class ContentQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<ContentItemType>("contentItem")
            .Description("One content item by id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The item's id (slug).")
            .Resolve(ctx => ctx.Loaders()
                .Get<string, ContentItem>("contentItem", async (ids, ct) => await ctx.Service<ContentQueries>().BySlugsAsync(ids.ToList(), ct))
                .Load(ctx.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ConnectionType<ContentItemType, ContentItem>>>("contentItems")
            .Description("Content items, filtered and sorted in the database, a page at a time.")
            .Paged(ContentQueries.Filter.TypeName, ContentQueries.Sort.TypeName)
            .ResolveAsync(async ctx => await ctx.Service<ContentQueries>().ListAsync(ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken));
    }
}

public static class ContentMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<ContentItemType, ContentItem>>>("createContentItem")
            .Description("Creates a content item; `id`, `kind` and `title` are required.")
            .Argument<NonNullGraphType<ContentItemInputType>>("input", "The item.")
            .ResolveAsync(async ctx => await ctx.Service<ContentService>().CreateAsync(ctx.GetArgument<ContentItemInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<ContentItemType, ContentItem>>>("updateContentItem")
            .Description("Changes the fields given of an existing item; absent fields keep their values, an empty string clears a text, an empty list clears a list.")
            .Argument<NonNullGraphType<ContentItemInputType>>("input", "The item's id and the fields to change.")
            .ResolveAsync(async ctx => await ctx.Service<ContentService>().UpdateAsync(ctx.GetArgument<ContentItemInput>("input"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<ContentItemType, ContentItem>>>("archiveContentItem")
            .Description("Retires an item: it is kept, but never shown again.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The item's id.")
            .ResolveAsync(async ctx => await ctx.Service<ContentService>().ArchiveAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }
}

public sealed class ContentItemInputType : InputObjectGraphType<ContentItemInput>
{
    public ContentItemInputType()
    {
        Name = "ContentItemInput";
        Description = "A content item's fields. On update, absent fields keep their values.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The item's id: a slug of lower-case letters, digits and dashes.");
        Field<ContentKindType>("kind").Description("What sort of content it is (required on create).");
        Field(c => c.Title, nullable: true).Description("Title, at most 300 characters (required on create).");
        Field(c => c.Summary, nullable: true).Description("A short summary, at most 2000 characters.");
        Field(c => c.Url, nullable: true).Description("An absolute http(s) URL.");
        Field(c => c.ImageUrl, nullable: true).Description("An absolute http(s) URL of an image.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Tags (at most 50, 1-64 characters each; stored in lower case).");
        Field<ListGraphType<NonNullGraphType<LifecycleStageType>>>("targetStages").Description("Stages the item is meant for; empty means every stage.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("targetSegments").Description("Ids of the segments the item is meant for.");
        Field<ListGraphType<NonNullGraphType<ChannelType>>>("channels").Description("Channels the item may be shown on (default: all).");
        Field(c => c.Locale, nullable: true).Description("BCP 47 locale; absent means any locale.");
        Field(c => c.PublishFrom, nullable: true).Description("Start of the publication window.");
        Field(c => c.PublishUntil, nullable: true).Description("End of the publication window (after the start).");
        Field<ContentStatusType>("status").Description("DRAFT (default), PUBLISHED or ARCHIVED.");
    }
}

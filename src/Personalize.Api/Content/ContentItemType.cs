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
        Field<NonNullGraphType<ContentKindType>>("kind")
            .Description("What sort of content it is.")
            .Resolve(ctx => ctx.Source.Kind);
        Field(c => c.Title).Description("Title.");
        Field(c => c.Summary, nullable: true).Description("A short summary.");
        Field(c => c.Url, nullable: true).Description("Where the item lives.");
        Field(c => c.ImageUrl, nullable: true).Description("An image to show with it.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags")
            .Description("Tags, lower case, sorted.")
            .Resolve(ctx => ctx.Source.Tags.Select(t => t.Tag).Order());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LifecycleStageType>>>>("targetStages")
            .Description("Stages the item is meant for; empty means every stage.")
            .Resolve(ctx => StageSets.ToList(ctx.Source.TargetStages));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentType>>>>("targetSegments")
            .Description("Segments the item is meant for; empty means everyone.")
            .Resolve(ctx => ctx.Source.TargetSegments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelType>>>>("channels")
            .Description("Channels the item may be shown on.")
            .Resolve(ctx => ChannelSets.ToList(ctx.Source.Channels));
        Field(c => c.Locale, nullable: true).Description("BCP 47 locale; null means any locale.");
        Field(c => c.PublishFrom, nullable: true).Description("Start of the publication window (UTC); null: no start.");
        Field(c => c.PublishUntil, nullable: true).Description("End of the publication window (UTC); null: no end.");
        Field<NonNullGraphType<ContentStatusType>>("status")
            .Description("DRAFT, PUBLISHED or ARCHIVED.")
            .Resolve(ctx => ctx.Source.Status);
        Field(c => c.CreatedAt).Description("When the item was created.");
        Field(c => c.UpdatedAt).Description("When the item was last changed.");
    }
}

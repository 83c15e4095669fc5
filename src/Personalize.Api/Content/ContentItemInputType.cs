using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Api.Lifecycle;
using Personalize.Content;

namespace Personalize.Api.Content;

public sealed class ContentItemInputType : InputObjectGraphType<ContentItemInput>
{
    public ContentItemInputType()
    {
        Name = "ContentItemInput";
        Description = "A content item's fields. On update, absent fields keep their values.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The item's id: a slug of lower-case letters, digits and dashes.");
        Field<ContentKindType>("kind").Description("What sort of content it is (required on create).");
        Field(c => c.Title, nullable: true).Description("Title, at most 300 characters (required on create).");
        Field(c => c.Summary, nullable: true).Description("A short summary, at most 2000 characters.");
        Field(c => c.Url, nullable: true).Description("An absolute http(s) URL.");
        Field(c => c.ImageUrl, nullable: true).Description("An absolute http(s) URL of an image.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags")
            .Description("Tags (at most 50, 1-64 characters each; stored in lower case).");
        Field<ListGraphType<NonNullGraphType<LifecycleStageType>>>("targetStages")
            .Description("Stages the item is meant for; empty means every stage.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("targetSegments")
            .Description("Ids of the segments the item is meant for.");
        Field<ListGraphType<NonNullGraphType<ChannelType>>>("channels")
            .Description("Channels the item may be shown on (default: all).");
        Field(c => c.Locale, nullable: true).Description("BCP 47 locale; absent means any locale.");
        Field(c => c.PublishFrom, nullable: true).Description("Start of the publication window.");
        Field(c => c.PublishUntil, nullable: true).Description("End of the publication window (after the start).");
        Field<ContentStatusType>("status").Description("DRAFT (default), PUBLISHED or ARCHIVED.");
    }
}

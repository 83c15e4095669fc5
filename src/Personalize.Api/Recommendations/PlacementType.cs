using GraphQL.Types;
using Personalize.Api.Content;
using Personalize.Api.GraphQL;
using Personalize.Content;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public sealed class PlacementType : ObjectGraphType<Placement>
{
    public PlacementType()
    {
        Name = "Placement";
        Description =
            "Where recommendations are shown (home hero, product page, cart, an email block) and its "
            + "merchandising rules.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The placement's id (slug), passed as `placement`.")
            .Resolve(ctx => ctx.Source.Slug);
        Field(p => p.Description, nullable: true).Description("What the placement is.");
        Field(p => p.MaxPerKind, nullable: true)
            .Description("At most this many items of one kind per list; null: no limit.");
        Field(p => p.MaxPerTag, nullable: true)
            .Description("At most this many items with one tag per list; null: no limit.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContentItemType>>>>("pinned")
            .Description("Shown first, in this order, when valid for the request.")
            .Resolve(ctx => ItemsOf(ctx.Source, PlacementRule.Pin));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContentItemType>>>>("buried")
            .Description("Ranked after every other item.")
            .Resolve(ctx => ItemsOf(ctx.Source, PlacementRule.Bury));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ContentItemType>>>>("excluded")
            .Description("Never shown here.")
            .Resolve(ctx => ItemsOf(ctx.Source, PlacementRule.Exclude));
        Field(p => p.UpdatedAt).Description("When the placement was last changed.");
    }

    private static IEnumerable<ContentItem> ItemsOf(Placement p, PlacementRule rule) =>
        p.Items.Where(i => i.Rule == rule).OrderBy(i => i.Position).Select(i => i.ContentItem!);
}

using GraphQL.Types;
using Personalize.Recommendations.Serving;

namespace Personalize.Api.Recommendations;

public sealed class PlacementInputType : InputObjectGraphType<PlacementInput>
{
    public PlacementInputType()
    {
        Name = "PlacementInput";
        Description =
            "A placement's rules. Absent fields keep their values; a list given replaces that rule's items "
            + "(an empty list clears it).";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The placement's id: a slug of lower-case letters, digits and dashes.");
        Field<StringGraphType>("description").Description("What the placement is.");
        Field<IntGraphType>("maxPerKind")
            .Description("At most this many items of one kind per list; 0 removes the limit.");
        Field<IntGraphType>("maxPerTag")
            .Description("At most this many items with one tag per list; 0 removes the limit.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("pinned")
            .Description("Content item ids shown first, in this order (at most 100).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("buried")
            .Description("Content item ids ranked after every other item.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("excluded")
            .Description("Content item ids never shown here.");
    }
}

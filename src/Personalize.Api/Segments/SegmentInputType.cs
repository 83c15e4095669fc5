using GraphQL.Types;
using Personalize.Customers;

namespace Personalize.Api.Segments;

public sealed class SegmentInputType : InputObjectGraphType
{
    public SegmentInputType()
    {
        Name = "SegmentInput";
        Description = "A segment's fields. On update, absent fields keep their values.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The segment's id: a slug of lower-case letters, digits and dashes.");
        Field<StringGraphType>("name").Description("Display name, at most 200 characters (required on create).");
        Field<StringGraphType>("description").Description("What the segment is for.");
        Field("rule", new GraphQLTypeReference(CustomerQueries.Filter.TypeName))
            .Description("The customers it selects: a `where:` value of `customers` (required on create).");
        Field<BooleanGraphType>("tracked")
            .Description(
                "Whether entering and leaving it are events (SEGMENT_ENTERED, SEGMENT_LEFT), found by the event scan."
            );
        Field<IntGraphType>("reentryCooldownHours")
            .Description(
                "A customer who left and comes back within this many "
                    + "hours (0-8760) is a member again without a new entry event; 0 or absent: every entry is "
                    + "announced."
            );
    }
}

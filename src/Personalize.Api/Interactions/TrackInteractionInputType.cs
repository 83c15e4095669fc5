using GraphQL.Types;
using Personalize.Interactions;

namespace Personalize.Api.Interactions;

public sealed class TrackInteractionInputType : InputObjectGraphType<TrackInteractionInput>
{
    public TrackInteractionInputType()
    {
        Name = "TrackInteractionInput";
        Description = "An interaction to record.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.");
        Field<NonNullGraphType<IdGraphType>>("itemId").Description("The content item's id.");
        Field<NonNullGraphType<InteractionKindType>>("kind").Description("What the customer did.");
        Field(i => i.OccurredAt, nullable: true).Description("When it happened (default: now; not in the future).");
        Field(i => i.Weight, nullable: true).Description("The signal's strength, -100 to 100 (default: by kind).");
        Field(i => i.IdempotencyKey, nullable: true)
            .Description("A key unique to this interaction; a retry with the same key is stored once.");
    }
}

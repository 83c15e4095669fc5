using GraphQL.Types;
using Personalize.Interactions;

namespace Personalize.Api.Interactions;

public sealed class InteractionType : ObjectGraphType<Interaction>
{
    public InteractionType()
    {
        Name = "Interaction";
        Description = "One thing a customer did with a content item.";
        Field<NonNullGraphType<InteractionKindType>>("kind")
            .Description("What the customer did.")
            .Resolve(ctx => ctx.Source.Kind);
        Field(i => i.OccurredAt).Description("When it happened (UTC).");
        Field(i => i.Weight, nullable: true).Description("The signal's strength, when the caller gave one.");
    }
}

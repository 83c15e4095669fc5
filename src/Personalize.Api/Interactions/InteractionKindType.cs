using GraphQL.Types;
using Personalize.Interactions;

namespace Personalize.Api.Interactions;

public sealed class InteractionKindType : EnumerationGraphType<InteractionKind>
{
    public InteractionKindType()
    {
        Name = "InteractionKind";
        Description = "What a customer did with a content item.";
    }
}

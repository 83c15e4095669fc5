using GraphQL.Types;
using Personalize.Common;

namespace Personalize.Api.GraphQL;

/// <summary>Why a mutation did not happen. Every mutation payload lists these instead of throwing.</summary>
public sealed class UserErrorInterface : InterfaceGraphType<MutationError>
{
    public UserErrorInterface()
    {
        Name = "UserError";
        Description = "Why a mutation did not happen. When a payload has errors, nothing was written.";
        Field(e => e.Message).Description("What is wrong, in a sentence a person can act on.");
        Field(e => e.Field, nullable: true)
            .Description(
                "The input path at fault, e.g. `input.lines[2].quantity`; null when the whole request is at fault."
            );
    }
}

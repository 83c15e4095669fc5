using GraphQL.Types;
using Personalize.Common;

namespace Personalize.Api.GraphQL;

public abstract class UserErrorType : ObjectGraphType<MutationError>
{
    protected UserErrorType(string name, string description, MutationErrorCode code)
    {
        Name = name;
        Description = description;
        Field(e => e.Message).Description("What is wrong, in a sentence a person can act on.");
        Field(e => e.Field, nullable: true)
            .Description("The input path at fault; null when the whole request is at fault.");
        Interface<UserErrorInterface>();
        IsTypeOf = o => o is MutationError e && e.Code == code;
    }
}

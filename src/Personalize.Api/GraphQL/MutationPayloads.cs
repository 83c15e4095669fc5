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
        Field(e => e.Field, nullable: true).Description("The input path at fault, e.g. `input.lines[2].quantity`; null when the whole request is at fault.");
    }
}

public abstract class UserErrorType : ObjectGraphType<MutationError>
{
    protected UserErrorType(string name, string description, MutationErrorCode code)
    {
        Name = name;
        Description = description;
        Field(e => e.Message).Description("What is wrong, in a sentence a person can act on.");
        Field(e => e.Field, nullable: true).Description("The input path at fault; null when the whole request is at fault.");
        Interface<UserErrorInterface>();
        IsTypeOf = o => o is MutationError e && e.Code == code;
    }
}

public sealed class ValidationErrorType() : UserErrorType("ValidationError", "An input value is missing, malformed or out of range.", MutationErrorCode.Validation);

public sealed class NotFoundErrorType() : UserErrorType("NotFoundError", "An id in the input names nothing that exists.", MutationErrorCode.NotFound);

public sealed class ConflictErrorType() : UserErrorType("ConflictError", "The input clashes with what is stored, e.g. an id already taken.", MutationErrorCode.Conflict);

/// <summary>A mutation's result: the object (null when the mutation failed) and the errors.</summary>
public sealed class PayloadType<TObjectType, T> : ObjectGraphType<MutationResult<T>> where TObjectType : IGraphType where T : class
{
    public PayloadType()
    {
        var objectField = char.ToLowerInvariant(typeof(T).Name[0]) + typeof(T).Name[1..];
        Name = $"{typeof(T).Name}Payload";
        Description = $"The result of a mutation on a {typeof(T).Name}: the {objectField} as stored, or the errors that stopped it.";
        Field<TObjectType>(objectField).Description($"The {objectField} as stored; null when there are errors.").Resolve(ctx => ctx.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorInterface>>>>("errors")
            .Description("Why the mutation did not happen; empty on success.")
            .Resolve(ctx => ctx.Source.Errors);
    }
}

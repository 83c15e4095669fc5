using GraphQL.Types;
using Personalize.Common;

namespace Personalize.Api.GraphQL;

/// <summary>A mutation's result: the object (null when the mutation failed) and the errors.</summary>
public sealed class PayloadType<TObjectType, T> : ObjectGraphType<MutationResult<T>>
    where TObjectType : IGraphType
    where T : class
{
    public PayloadType()
    {
        var objectField = char.ToLowerInvariant(typeof(T).Name[0]) + typeof(T).Name[1..];
        Name = $"{typeof(T).Name}Payload";
        Description =
            $"The result of a mutation on a {typeof(T).Name}: the {objectField} as stored, or the errors "
            + "that stopped it.";
        Field<TObjectType>(objectField)
            .Description($"The {objectField} as stored; null when there are errors.")
            .Resolve(ctx => ctx.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorInterface>>>>("errors")
            .Description("Why the mutation did not happen; empty on success.")
            .Resolve(ctx => ctx.Source.Errors);
    }
}

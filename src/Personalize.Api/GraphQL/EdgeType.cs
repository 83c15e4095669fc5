using GraphQL.Types;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

public sealed class EdgeType<TNodeType, T> : ObjectGraphType<Edge<T>>
    where TNodeType : IGraphType
{
    public EdgeType()
    {
        Name = $"{typeof(T).Name}Edge";
        Description = $"One {typeof(T).Name} in a page, with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor")
            .Description("Pass as `after` (or `before`) to continue from this object.")
            .Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description("The object.").Resolve(ctx => ctx.Source.Node);
    }
}

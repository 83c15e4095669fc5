using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

/// <summary>The arguments every connection field takes, and reading them back.</summary>
public static class ConnectionArguments
{
    public static FieldBuilder<TSource, TReturn> Paged<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field,
        string? filterType,
        string? sortType
    )
    {
        field
            .Argument<IntGraphType>(
                "first",
                "Return the first N objects (after `after`). Default 20, at most the configured page size limit (5000)."
            )
            .Argument<StringGraphType>("after", "Return objects after this cursor.")
            .Argument<IntGraphType>("last", "Return the last N objects (before `before`).")
            .Argument<StringGraphType>("before", "Return objects before this cursor.");
        var arguments = field.FieldType.Arguments ??= new QueryArguments();
        if (filterType is not null)
            arguments.Add(
                new QueryArgument(new GraphQLTypeReference(filterType))
                {
                    Name = "where",
                    Description = "Only objects that match these conditions.",
                }
            );
        if (sortType is not null)
            arguments.Add(
                new QueryArgument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(sortType))))
                {
                    Name = "order",
                    Description =
                        "Sort order: one object per field, the first the most significant. "
                        + "Ties are broken by an internal id.",
                }
            );
        return field;
    }

    public static PageRequest PageRequest(this IResolveFieldContext ctx) =>
        new(
            ctx.GetArgument<int?>("first"),
            ctx.GetArgument<string?>("after"),
            ctx.GetArgument<int?>("last"),
            ctx.GetArgument<string?>("before"),
            IncludeOppositePage: ctx.SubFields?.ContainsKey("pageInfo") == true
        );

    public static IReadOnlyDictionary<string, object?>? Where(this IResolveFieldContext ctx) =>
        ctx.GetArgument<object?>("where") as IReadOnlyDictionary<string, object?>;

    public static IEnumerable<object?>? Order(this IResolveFieldContext ctx) =>
        ctx.GetArgument<object?>("order") as IEnumerable<object?>;
}

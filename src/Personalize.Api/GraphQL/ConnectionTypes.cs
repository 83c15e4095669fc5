using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

/// <summary>A Relay cursor connection, shaped like Hot Chocolate's: nodes, edges, pageInfo, totalCount.</summary>
public sealed class ConnectionType<TNodeType, T> : ObjectGraphType<Connection<T>> where TNodeType : IGraphType
{
    public ConnectionType()
    {
        Name = $"{typeof(T).Name}Connection";
        Description = $"A page of {typeof(T).Name} objects, with cursors to fetch the next or previous page.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The objects of this page, in order.")
            .Resolve(ctx => ctx.Source.Page.Edges.Select(e => e.Node));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType, T>>>>>("edges")
            .Description("The objects of this page with their cursors.")
            .Resolve(ctx => ctx.Source.Page.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Description("Whether more pages exist, and the cursors of this page's ends.")
            .Resolve(ctx => ctx.Source.Page);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many objects the whole filtered list holds. Counted only when this field is asked for.")
            .ResolveAsync(async ctx => await ctx.Source.CountTotalAsync(ctx.CancellationToken));
    }
}

public sealed class EdgeType<TNodeType, T> : ObjectGraphType<Edge<T>> where TNodeType : IGraphType
{
    public EdgeType()
    {
        Name = $"{typeof(T).Name}Edge";
        Description = $"One {typeof(T).Name} in a page, with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as `after` (or `before`) to continue from this object.").Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description("The object.").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class PageInfoType : ObjectGraphType<IPageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page stands in its list.";
        Field(p => p.HasNextPage).Description("Whether objects follow this page.");
        Field(p => p.HasPreviousPage).Description("Whether objects precede this page (known when `after` or `before` was given).");
        Field(p => p.StartCursor, nullable: true).Description("Cursor of the first object of the page; null when the page is empty.");
        Field(p => p.EndCursor, nullable: true).Description("Cursor of the last object of the page; null when the page is empty.");
    }
}

/// <summary>The arguments every connection field takes, and reading them back.</summary>
public static class ConnectionArguments
{
    public static FieldBuilder<TSource, TReturn> Paged<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string? filterType, string? sortType)
    {
        field.Argument<IntGraphType>("first", "Return the first N objects (after `after`). Default 20, at most the configured page size limit (5000).")
            .Argument<StringGraphType>("after", "Return objects after this cursor.")
            .Argument<IntGraphType>("last", "Return the last N objects (before `before`).")
            .Argument<StringGraphType>("before", "Return objects before this cursor.");
        var arguments = field.FieldType.Arguments ??= new QueryArguments();
        if (filterType is not null)
            arguments.Add(new QueryArgument(new GraphQLTypeReference(filterType)) { Name = "where", Description = "Only objects that match these conditions." });
        if (sortType is not null)
            arguments.Add(new QueryArgument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(sortType))))
                { Name = "order", Description = "Sort order: one object per field, the first the most significant. Ties are broken by an internal id." });
        return field;
    }

    public static PageRequest PageRequest(this IResolveFieldContext ctx) => new(
        ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), ctx.GetArgument<int?>("last"), ctx.GetArgument<string?>("before"),
        IncludeOppositePage: ctx.SubFields?.ContainsKey("pageInfo") == true);

    public static IReadOnlyDictionary<string, object?>? Where(this IResolveFieldContext ctx) =>
        ctx.GetArgument<object?>("where") as IReadOnlyDictionary<string, object?>;

    public static IEnumerable<object?>? Order(this IResolveFieldContext ctx) =>
        ctx.GetArgument<object?>("order") as IEnumerable<object?>;
}

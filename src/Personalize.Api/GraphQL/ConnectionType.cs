using GraphQL.Types;
using Personalize.Querying;

namespace Personalize.Api.GraphQL;

/// <summary>A Relay cursor connection, shaped like Hot Chocolate's: nodes, edges, pageInfo, totalCount.</summary>
public sealed class ConnectionType<TNodeType, T> : ObjectGraphType<Connection<T>>
    where TNodeType : IGraphType
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

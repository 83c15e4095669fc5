using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Segments;

namespace Personalize.Api.Segments;

public static class SegmentQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query
            .Field<SegmentType>("segment")
            .Description("One segment by id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The segment's id (slug).")
            .Resolve(ctx => ctx.Loaders().SegmentById(ctx.GetArgument<string>("id")));

        query
            .Field<NonNullGraphType<ConnectionType<SegmentType, Segment>>>("segments")
            .Description("Segments, filtered and sorted in the database, a page at a time.")
            .Paged(SegmentQueries.Filter.TypeName, SegmentQueries.Sort.TypeName)
            .ResolveAsync(async ctx =>
                await ctx.Service<SegmentQueries>()
                    .ListAsync(ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken)
            );
    }
}

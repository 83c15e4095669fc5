using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Segments;

namespace Personalize.Api.Segments;

public static class SegmentMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<SegmentType, Segment>>>("createSegment")
            .Description("Creates a segment; its rule is checked against the customer filter before it is saved.")
            .Argument<NonNullGraphType<SegmentInputType>>("input", "The segment.")
            .ResolveAsync(async ctx =>
                await ctx.Service<SegmentService>().CreateAsync(Input(ctx), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<SegmentType, Segment>>>("updateSegment")
            .Description("Changes the fields given of an existing segment; absent fields keep their values.")
            .Argument<NonNullGraphType<SegmentInputType>>("input", "The segment's id and the fields to change.")
            .ResolveAsync(async ctx =>
                await ctx.Service<SegmentService>().UpdateAsync(Input(ctx), ctx.CancellationToken)
            );
        mutation
            .Field<NonNullGraphType<PayloadType<SegmentType, Segment>>>("archiveSegment")
            .Description("Retires a segment: it is kept for history but no longer used for targeting.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The segment's id.")
            .ResolveAsync(async ctx =>
                await ctx.Service<SegmentService>().ArchiveAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken)
            );
    }

    // The rule stays a dictionary (the `where:` value as given), so it is read by hand rather than bound to a record.
    private static SegmentInput Input(IResolveFieldContext ctx)
    {
        var input = (IReadOnlyDictionary<string, object?>)ctx.GetArgument<object>("input");
        return new SegmentInput(
            (string)input["id"]!,
            input.GetValueOrDefault("name") as string,
            input.GetValueOrDefault("description") as string,
            input.GetValueOrDefault("rule") as IReadOnlyDictionary<string, object?>,
            input.GetValueOrDefault("tracked") as bool?,
            input.GetValueOrDefault("reentryCooldownHours") as int?
        );
    }
}

using GraphQL;
using GraphQL.Types;
using Personalize.Api.Security;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Customers;
using Personalize.Segments;

namespace Personalize.Api.Segments;

public sealed class SegmentType : ObjectGraphType<Segment>
{
    public SegmentType()
    {
        Name = "Segment";
        Description = "A named group of customers, defined by a rule that is evaluated in the database whenever it is used.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The segment's id (slug).").Resolve(ctx => ctx.Source.Slug);
        Field(s => s.Name).Description("Display name.");
        Field(s => s.Description, nullable: true).Description("What the segment is for.");
        Field<NonNullGraphType<JsonType>>("rule").Description("The rule, shaped exactly as a `where:` value of `customers` (`CustomerFilterInput`): send it back as `createSegment`'s rule or as a query's `where:`.").Resolve(ctx => ctx.Source.RuleJson);
        Field(s => s.Tracked).Description("Whether entering and leaving it are events (SEGMENT_ENTERED, SEGMENT_LEFT).");
        Field(s => s.ReentryCooldownHours, nullable: true).Description("Hours after leaving within which coming back is not a new entry event; null: every entry is announced.");
        Field<NonNullGraphType<SegmentStatusType>>("status").Description("ACTIVE or ARCHIVED.").Resolve(ctx => ctx.Source.Status);
        Field(s => s.CreatedAt).Description("When the segment was created.");
        Field(s => s.UpdatedAt).Description("When the segment was last changed.");
        Field<NonNullGraphType<IntGraphType>>("size")
            .Description("How many customers the rule selects now.")
            .Resolve(ctx => ctx.Loaders()
                .Get<Segment, int>("Segment.size", async (segments, ct) =>
                {
                    var sizes = await ctx.Service<SegmentQueries>().SizesAsync(segments.ToList(), ct);
                    return segments.ToDictionary(s => s, s => sizes[s.Id]);
                })
                .Load(ctx.Source));
        Field<NonNullGraphType<ConnectionType<CustomerType, Customer>>>("customers")
            .Description("The customers the rule selects now, optionally filtered further. Lists customers: needs the email, analytics or admin scope.")
            .RequireScopes(CustomerLists.AllowedScopes)
            .Paged(CustomerQueries.Filter.TypeName, CustomerQueries.Sort.TypeName)
            .ResolveAsync(async ctx => await ctx.Service<SegmentQueries>().CustomersAsync(ctx.Source, ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken));
    }
}

public static class SegmentQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<SegmentType>("segment")
            .Description("One segment by id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The segment's id (slug).")
            .Resolve(ctx => ctx.Loaders()
                .Get<string, Segment>("segment", async (ids, ct) => await ctx.Service<SegmentQueries>().BySlugsAsync(ids.ToList(), ct))
                .Load(ctx.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ConnectionType<SegmentType, Segment>>>("segments")
            .Description("Segments, filtered and sorted in the database, a page at a time.")
            .Paged(SegmentQueries.Filter.TypeName, SegmentQueries.Sort.TypeName)
            .ResolveAsync(async ctx => await ctx.Service<SegmentQueries>().ListAsync(ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken));
    }
}

public static class SegmentMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<SegmentType, Segment>>>("createSegment")
            .Description("Creates a segment; its rule is checked against the customer filter before it is saved.")
            .Argument<NonNullGraphType<SegmentInputType>>("input", "The segment.")
            .ResolveAsync(async ctx => await ctx.Service<SegmentService>().CreateAsync(Input(ctx), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<SegmentType, Segment>>>("updateSegment")
            .Description("Changes the fields given of an existing segment; absent fields keep their values.")
            .Argument<NonNullGraphType<SegmentInputType>>("input", "The segment's id and the fields to change.")
            .ResolveAsync(async ctx => await ctx.Service<SegmentService>().UpdateAsync(Input(ctx), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<PayloadType<SegmentType, Segment>>>("archiveSegment")
            .Description("Retires a segment: it is kept for history but no longer used for targeting.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The segment's id.")
            .ResolveAsync(async ctx => await ctx.Service<SegmentService>().ArchiveAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
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
            input.GetValueOrDefault("reentryCooldownHours") as int?);
    }
}

public sealed class SegmentInputType : InputObjectGraphType
{
    public SegmentInputType()
    {
        Name = "SegmentInput";
        Description = "A segment's fields. On update, absent fields keep their values.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The segment's id: a slug of lower-case letters, digits and dashes.");
        Field<StringGraphType>("name").Description("Display name, at most 200 characters (required on create).");
        Field<StringGraphType>("description").Description("What the segment is for.");
        Field("rule", new GraphQLTypeReference(CustomerQueries.Filter.TypeName)).Description("The customers it selects: a `where:` value of `customers` (required on create).");
        Field<BooleanGraphType>("tracked").Description("Whether entering and leaving it are events (SEGMENT_ENTERED, SEGMENT_LEFT), found by the event scan.");
        Field<IntGraphType>("reentryCooldownHours").Description("A customer who left and comes back within this many hours (0-8760) is a member again without a new entry event; 0 or absent: every entry is announced.");
    }
}

using GraphQL.Types;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Api.Security;
using Personalize.Customers;
using Personalize.Segments;

namespace Personalize.Api.Segments;

public sealed class SegmentType : ObjectGraphType<Segment>
{
    public SegmentType()
    {
        Name = "Segment";
        Description =
            "A named group of customers, defined by a rule that is evaluated in the database whenever it is used.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The segment's id (slug).")
            .Resolve(ctx => ctx.Source.Slug);
        Field(s => s.Name).Description("Display name.");
        Field(s => s.Description, nullable: true).Description("What the segment is for.");
        Field<NonNullGraphType<JsonType>>("rule")
            .Description(
                "The rule, shaped exactly as a `where:` value of "
                    + "`customers` (`CustomerFilterInput`): send it back as `createSegment`'s rule or as a query's "
                    + "`where:`."
            )
            .Resolve(ctx => ctx.Source.RuleJson);
        Field(s => s.Tracked)
            .Description("Whether entering and leaving it are events (SEGMENT_ENTERED, SEGMENT_LEFT).");
        Field(s => s.ReentryCooldownHours, nullable: true)
            .Description(
                "Hours after leaving within which coming back is not a new entry event; null: every entry is announced."
            );
        Field<NonNullGraphType<SegmentStatusType>>("status")
            .Description("ACTIVE or ARCHIVED.")
            .Resolve(ctx => ctx.Source.Status);
        Field(s => s.CreatedAt).Description("When the segment was created.");
        Field(s => s.UpdatedAt).Description("When the segment was last changed.");
        Field<NonNullGraphType<IntGraphType>>("size")
            .Description("How many customers the rule selects now.")
            .Resolve(ctx => ctx.Loaders().SizeOf(ctx.Source));
        Field<NonNullGraphType<ConnectionType<CustomerType, Customer>>>("customers")
            .Description(
                "The customers the rule selects now, optionally filtered further. Lists customers: needs the "
                    + "email, analytics or admin scope."
            )
            .RequireScopes(CustomerLists.AllowedScopes)
            .Paged(CustomerQueries.Filter.TypeName, CustomerQueries.Sort.TypeName)
            .ResolveAsync(async ctx =>
                await ctx.Service<SegmentQueries>()
                    .CustomersAsync(ctx.Source, ctx.Where(), ctx.Order(), ctx.PageRequest(), ctx.CancellationToken)
            );
    }
}

using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Events;

namespace Personalize.Api.Events;

public static class EventQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEndpointType>>>>("webhookEndpoints")
            .Description("Every webhook endpoint with its settings and delivery log.")
            .ResolveAsync(async ctx => await ctx.Service<EventQueries>().EndpointsAsync(ctx.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerEventGraphType>>>>("customerEvents")
            .Description("Events from the outbox, oldest first, after the event `after` (for tools that poll; live tools subscribe to `customerEvents`).")
            .Argument<IdGraphType>("after", "An event id: only events written after it. Absent: from the oldest kept.")
            .Argument<ListGraphType<NonNullGraphType<CustomerEventTypeType>>>("types", "Only these types; absent: every type.")
            .Argument<IdGraphType>("customerId", "Only this customer's events.")
            .Argument<IntGraphType>("first", $"How many (default 100, at most {EventQueries.MaxPage}).", a => a.DefaultValue = 100)
            .ResolveAsync(async ctx =>
            {
                var queries = ctx.Service<EventQueries>();
                var after = ctx.GetArgument<string?>("after") is { } id
                    ? await queries.InternalIdAsync(id, ctx.CancellationToken) ?? throw new ExecutionError($"after: no kept event has the id '{id}'.") { Code = "INVALID_ARGUMENT" }
                    : 0;
                var customer = ctx.GetArgument<string?>("customerId") is { } c ? await queries.CustomerIdAsync(c, ctx.CancellationToken) ?? -1 : (long?)null;
                return await queries.AfterAsync(after, ctx.GetArgument<List<CustomerEventType>?>("types"), customer, ctx.GetArgument("first", 100), ctx.CancellationToken);
            });
    }
}

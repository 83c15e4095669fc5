using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Events;

namespace Personalize.Api.Events;

public static class EventQueryFields
{
    public static void AddTo(ObjectGraphType query) =>
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerEventGraphType>>>>("customerEvents")
            .Description(
                "Events from the outbox, oldest first, after the event `after` (for tools that poll; live "
                    + "tools subscribe to `customerEvents`)."
            )
            .Argument<IdGraphType>("after", "An event id: only events written after it. Absent: from the oldest kept.")
            .Argument<ListGraphType<NonNullGraphType<CustomerEventTypeType>>>(
                "types",
                "Only these types; absent: every type."
            )
            .Argument<IdGraphType>("customerId", "Only this customer's events.")
            .Argument<IntGraphType>("first", $"How many (default 100, at most {EventQueries.MaxPage}).", a =>
                a.DefaultValue = 100
            )
            .ResolveAsync(async ctx =>
                await ctx.Service<EventQueries>()
                    .PageAsync(
                        ctx.GetArgument<string?>("after"),
                        ctx.GetArgument<List<CustomerEventType>?>("types"),
                        ctx.GetArgument<string?>("customerId"),
                        ctx.GetArgument("first", 100),
                        ctx.CancellationToken
                    )
            );
}

using GraphQL;
using GraphQL.Types;
using Personalize.Api.Security;
using Personalize.Events;

namespace Personalize.Api.Events;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Description =
            "Live streams, over WebSocket (graphql-transport-ws) or Server-Sent Events (GraphQL over SSE) at /graphql.";
        Field<NonNullGraphType<CustomerEventGraphType>>("customerEvents")
            .Description(
                "Customer events as they are written, on every instance; the same events the webhooks "
                    + "deliver. Starts with the events after it began."
            )
            .Argument<ListGraphType<NonNullGraphType<CustomerEventTypeType>>>(
                "types",
                "Only these types; absent: every type."
            )
            .Argument<IdGraphType>("customerId", "Only this customer's events.")
            .ResolveStreamAsync(async ctx =>
            {
                var types = ctx.GetArgument<List<CustomerEventType>?>("types")?.ToHashSet();
                long? customer = ctx.GetArgument<string?>("customerId") is { } id
                    ? await ctx.RequestServices!.GetRequiredService<EventQueries>()
                        .CustomerIdAsync(id, ctx.CancellationToken)
                        ?? -1
                    : null;
                return ctx.RequestServices!.GetRequiredService<EventFeed>()
                    .Stream(new EventFeed.Filter(types, customer));
            })
            .RequireScopes(CustomerLists.AllowedScopes);
    }
}

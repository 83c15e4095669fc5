using GraphQL.Types;
using Personalize.Api.Customers;
using Personalize.Api.GraphQL;
using Personalize.Events;

namespace Personalize.Api.Events;

public sealed class CustomerEventGraphType : ObjectGraphType<CustomerEvent>
{
    public CustomerEventGraphType()
    {
        Name = "CustomerEvent";
        Description =
            "Something that happened to a customer, from the transactional outbox: the same event a webhook delivers.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The event's id, also the `webhook-id` of its deliveries: receivers dedupe by it.")
            .Resolve(ctx => ctx.Source.EventId);
        Field<NonNullGraphType<CustomerEventTypeType>>("type")
            .Description("What happened.")
            .Resolve(ctx => ctx.Source.Type);
        Field<NonNullGraphType<IdGraphType>>("customerId")
            .Description("The customer's id now (the anonymous id once erased).")
            .Resolve(ctx => ctx.Loaders().ExternalIdOf(ctx.Source.CustomerId));
        Field(e => e.Sequence)
            .Description("The customer's event number, from 1, in the order the events happened to them.");
        Field(e => e.OccurredAt).Description("When it happened (UTC).");
        Field<NonNullGraphType<JsonType>>("data")
            .Description("The event's compact payload (see CustomerEventType's values); never personal data.")
            .Resolve(ctx => ctx.Source.Data);
    }
}

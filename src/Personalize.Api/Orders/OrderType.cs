using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Orders;

namespace Personalize.Api.Orders;

public sealed class OrderType : ObjectGraphType<Order>
{
    public OrderType()
    {
        Name = "Order";
        Description = "A purchase by a customer.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The order id given when it was recorded (unique within its source).")
            .Resolve(ctx => ctx.Source.ExternalId);
        Field(o => o.Source).Description("The system the order came from; (source, id) identifies an order.");
        Field(o => o.OrderedAt).Description("When the order was placed (UTC).");
        Field(o => o.Amount).Description("What the customer paid, in `currency`.");
        Field(o => o.Currency).Description("ISO 4217 currency code.");
        Field(o => o.Margin, nullable: true).Description("The store's margin on the order, when known.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineType>>>>("lines")
            .Description("The products ordered; empty when the order was recorded without lines.")
            .Resolve(ctx => ctx.Loaders().LinesOf(ctx.Source.Id));
    }
}

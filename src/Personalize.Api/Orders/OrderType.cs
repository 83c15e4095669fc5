using GraphQL;
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
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order id given when it was recorded (unique within its source).").Resolve(ctx => ctx.Source.ExternalId);
        Field(o => o.Source).Description("The system the order came from; (source, id) identifies an order.");
        Field(o => o.OrderedAt).Description("When the order was placed (UTC).");
        Field(o => o.Amount).Description("What the customer paid, in `currency`.");
        Field(o => o.Currency).Description("ISO 4217 currency code.");
        Field(o => o.Margin, nullable: true).Description("The store's margin on the order, when known.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineType>>>>("lines")
            .Description("The products ordered; empty when the order was recorded without lines.")
            .Resolve(ctx => ctx.Loaders()
                .Get<long, IEnumerable<OrderLine>>("Order.lines", async (ids, ct) =>
                {
                    var lines = await ctx.Service<OrderQueries>().LinesAsync(ids.ToList(), ct);
                    return ids.ToDictionary(id => id, id => lines[id]);
                })
                .Load(ctx.Source.Id));
    }
}

public sealed class OrderLineType : ObjectGraphType<OrderLine>
{
    public OrderLineType()
    {
        Name = "OrderLine";
        Description = "One product in an order.";
        Field(l => l.ProductId).Description("The product's id in the caller's catalog.");
        Field(l => l.ProductName, nullable: true).Description("The product's name at the time of the order.");
        Field(l => l.Quantity).Description("Units ordered.");
        Field(l => l.UnitPrice).Description("Price of one unit.");
    }
}

public static class OrderMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PayloadType<OrderType, Order>>>("recordOrder")
            .Description("Records an order and updates the customer's totals and stage in the same transaction. Idempotent: recording the same (source, orderId) again returns the stored order and changes nothing. An unknown customer is created with the id alone.")
            .Argument<NonNullGraphType<RecordOrderInputType>>("input", "The order.")
            .ResolveAsync(async ctx => await ctx.Service<OrderService>().RecordAsync(ctx.GetArgument<RecordOrderInput>("input"), ctx.CancellationToken));
    }
}

public sealed class RecordOrderInputType : InputObjectGraphType<RecordOrderInput>
{
    public RecordOrderInputType()
    {
        Name = "RecordOrderInput";
        Description = "An order to record.";
        Field<NonNullGraphType<IdGraphType>>("customerId").Description("The caller's own customer id.");
        Field<NonNullGraphType<IdGraphType>>("orderId").Description("The order's id, unique within `source`.");
        Field(o => o.Source, nullable: true).Description("The system the order comes from (default \"default\").");
        Field(o => o.OrderedAt).Description("When the order was placed (not in the future).");
        Field(o => o.Amount).Description("What the customer paid (0 or more).");
        Field(o => o.Currency, nullable: true).Description("ISO 4217 currency code (default EUR).");
        Field(o => o.Margin, nullable: true).Description("The store's margin on the order, when known (at most the amount).");
        Field<ListGraphType<NonNullGraphType<OrderLineInputType>>>("lines").Description("The products ordered (at most 1000 lines).");
    }
}

public sealed class OrderLineInputType : InputObjectGraphType<OrderLineInput>
{
    public OrderLineInputType()
    {
        Name = "OrderLineInput";
        Description = "One product in an order.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's id in the caller's catalog.");
        Field(l => l.ProductName, nullable: true).Description("The product's name.");
        Field(l => l.Quantity).Description("Units ordered (1 or more).");
        Field(l => l.UnitPrice).Description("Price of one unit (0 or more).");
    }
}

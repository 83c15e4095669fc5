using GraphQL.Types;
using Personalize.Orders;

namespace Personalize.Api.Orders;

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

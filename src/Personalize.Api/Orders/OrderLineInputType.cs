using GraphQL.Types;
using Personalize.Orders;

namespace Personalize.Api.Orders;

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

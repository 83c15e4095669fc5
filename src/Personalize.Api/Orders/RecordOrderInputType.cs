using GraphQL.Types;
using Personalize.Orders;

namespace Personalize.Api.Orders;

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
        Field(o => o.Margin, nullable: true)
            .Description("The store's margin on the order, when known (at most the amount).");
        Field<ListGraphType<NonNullGraphType<OrderLineInputType>>>("lines")
            .Description("The products ordered (at most 1000 lines).");
    }
}

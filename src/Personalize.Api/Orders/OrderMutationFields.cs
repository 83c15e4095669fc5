using GraphQL;
using GraphQL.Types;
using Personalize.Api.GraphQL;
using Personalize.Orders;

namespace Personalize.Api.Orders;

public static class OrderMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation
            .Field<NonNullGraphType<PayloadType<OrderType, Order>>>("recordOrder")
            .Description(
                "Records an order and updates the customer's totals and stage in the same transaction. "
                    + "Idempotent: recording the same (source, orderId) again returns the stored order and changes "
                    + "nothing. An unknown customer is created with the id alone."
            )
            .Argument<NonNullGraphType<RecordOrderInputType>>("input", "The order.")
            .ResolveAsync(async ctx =>
                await ctx.Service<OrderService>()
                    .RecordAsync(ctx.GetArgument<RecordOrderInput>("input"), ctx.CancellationToken)
            );
    }
}

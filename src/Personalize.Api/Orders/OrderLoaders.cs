using Personalize.Api.GraphQL;
using Personalize.Orders;
using Personalize.Querying;

namespace Personalize.Api.Orders;

/// <summary>The orders feature's batch loaders.</summary>
public static class OrderLoaders
{
    /// <summary>A page of a customer's orders; customers asked with the same order and page batch together.</summary>
    public static Result<Page<Order>?> OrdersOf(
        this BatchLoaders loaders,
        long customerId,
        IEnumerable<object?>? order,
        PageRequest page
    ) =>
        loaders
            .Get<long, Page<Order>>($"orders-of-customer({OrderKey(order)},{page})", (ids, ct) =>
                loaders.Service<OrderQueries>().PagesByCustomerAsync(ids, order, page, ct)
            )
            .Load(customerId);

    private static string OrderKey(IEnumerable<object?>? order) =>
        order is null ? "" : FilterJson.Serialize(new Dictionary<string, object?> { ["order"] = order.ToList() });

    /// <summary>An order's lines.</summary>
    public static Result<IEnumerable<OrderLine>?> LinesOf(this BatchLoaders loaders, long orderId) =>
        loaders
            .GetGroups<long, OrderLine>("order-lines", (ids, ct) => loaders.Service<OrderQueries>().LinesAsync(ids, ct))
            .Load(orderId);
}

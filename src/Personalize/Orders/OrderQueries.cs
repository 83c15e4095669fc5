using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Personalize.Data;
using Personalize.Querying;

namespace Personalize.Orders;

public sealed class OrderQueries(IDbContextFactory<PersonalizeDbContext> factory, IOptions<PagingOptions> paging)
{
    public static readonly SortDefinition<Order> Sort = new SortDefinition<Order>(
        "OrderSortInput",
        "One field to sort orders by.",
        o => o.Id
    )
        .Field("orderedAt", o => o.OrderedAt, "When the order was placed.")
        .Field("amount", o => o.Amount, "Order amount.");

    /// <summary>Newest first, unless the caller asks otherwise.</summary>
    public static readonly IReadOnlyList<SortKey> DefaultOrder = [new SortKey(Sort.Fields[0], SortDirection.Desc)];

    /// <summary>A page of orders for each customer, in one statement.</summary>
    public async Task<IReadOnlyDictionary<long, Page<Order>>> PagesByCustomerAsync(
        IReadOnlyCollection<long> customerIds,
        IEnumerable<object?>? order,
        PageRequest page,
        CancellationToken cancellationToken
    )
    {
        var keys = Sort.Parse(order) is { Count: > 0 } parsed ? parsed : DefaultOrder;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await KeysetPager.ReadPagesAsync(
            db.Customers.Where(c => customerIds.Contains(c.Id)),
            c => c.Id,
            c => db.Orders.Where(o => o.CustomerId == c.Id),
            keys,
            Sort.Id,
            page,
            paging.Value,
            cancellationToken
        );
    }

    public async Task<ILookup<long, OrderLine>> LinesAsync(
        IReadOnlyCollection<long> orderIds,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var lines = await db
            .OrderLines.Where(l => orderIds.Contains(l.OrderId))
            .OrderBy(l => l.Id)
            .ToListAsync(cancellationToken);
        return lines.ToLookup(l => l.OrderId);
    }
}

using Microsoft.EntityFrameworkCore;
using Personalize.Orders;

namespace Personalize.Import;

public sealed record OrderLineRow(string ProductId, string? ProductName, int Quantity, decimal UnitPrice);

/// <summary>One CSV row of an order: the order's fields, and at most one line.</summary>
public sealed record OrderRow(
    string CustomerId,
    string OrderId,
    DateTime OrderedAt,
    decimal? Amount,
    string? Currency,
    decimal? Margin,
    OrderLineRow? Line,
    string? Country = null
);

/// <summary>
/// customer_id,order_id,ordered_at,amount[,currency][,margin][,product_id,product_name,quantity,unit_price].
/// Consecutive rows with the same order_id are the lines of one order; see <see cref="OrderWriter"/>.
/// </summary>
internal sealed class OrderImport : IRowImport<OrderRow>
{
    private readonly OrderWriter _writer = new();

    public string What => "orders";
    public IReadOnlyList<string> RequiredColumns { get; } = ["customer_id", "order_id", "ordered_at"];
    public bool AffectsCustomerSummaries => true;

    public OrderRow Parse(CsvRow row, ImportSession session)
    {
        var productId = row.Text("product_id");
        var line = productId is null
            ? null
            : new OrderLineRow(
                Cells.MaxLength("product_id", productId, 128),
                row.Text("product_name"),
                row.Int("quantity") is { } q ? (q > 0 ? q : throw new RowError($"quantity: {q} is not positive")) : 1,
                Cells.NotNegative("unit_price", row.RequiredDecimal("unit_price"))
            );
        return new OrderRow(
            Cells.MaxLength("customer_id", row.Required("customer_id"), 128),
            Cells.MaxLength("order_id", row.Required("order_id"), 128),
            row.RequiredDate("ordered_at"),
            row.Decimal("amount") is { } a ? Cells.NotNegative("amount", a) : null,
            row.Text("currency") is { } c ? Cells.Currency("currency", c) : null,
            row.Decimal("margin"),
            line
        );
    }

    public string? GroupKey(OrderRow row) => row.OrderId;

    public Task WriteAsync(
        IReadOnlyList<Parsed<OrderRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    ) => _writer.WriteAsync(batch, session, cancellationToken);
}

/// <summary>
/// Writes orders for the CSV import and the presets. Rules: the lines of one order are consecutive rows; the order's
/// customer, time, currency and margin come from its first row; amount is the order total, given on the first row
/// (or repeated identically on every row) — when no row gives it, it is the sum of quantity × unit_price.
/// An order whose (source, order id) exists already is skipped as a duplicate.
/// </summary>
internal sealed class OrderWriter
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <returns>The orders inserted, with their ids and lines.</returns>
    public async Task<List<Order>> WriteAsync(
        IReadOnlyList<Parsed<OrderRow>> batch,
        ImportSession session,
        CancellationToken cancellationToken
    )
    {
        var groups = new List<List<Parsed<OrderRow>>>();
        foreach (var row in batch)
            if (groups.Count > 0 && groups[^1][0].Row.OrderId == row.Row.OrderId)
                groups[^1].Add(row);
            else
                groups.Add([row]);

        var valid = new List<(List<Parsed<OrderRow>> Rows, decimal Amount)>();
        foreach (var group in groups)
        {
            if (Problem(group, out var amount) is { } problem)
            {
                foreach (var r in group)
                    session.ReportBad(r.Line, problem);
            }
            else
                valid.Add((group, amount));
            _seen.Add(group[0].Row.OrderId);
        }

        await session.Customers.ResolveAsync(
            valid.Select(g => new CustomerSighting(
                g.Rows[0].Row.CustomerId,
                g.Rows[0].Row.OrderedAt,
                g.Rows[0].Row.Country
            )),
            cancellationToken
        );
        var source = session.Options.Source;
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in valid.Select(g => g.Rows[0].Row.OrderId).Chunk(1000))
            existing.UnionWith(
                await session
                    .Db.Orders.Where(o => o.Source == source && chunk.Contains(o.ExternalId))
                    .Select(o => o.ExternalId)
                    .ToListAsync(cancellationToken)
            );

        var orders = new List<Order>();
        foreach (var (rows, amount) in valid)
        {
            var first = rows[0].Row;
            if (session.Customers.IdOf(first.CustomerId) is not { } customerId)
            {
                foreach (var r in rows)
                    session.ReportBad(r.Line, $"customer_id: unknown customer '{first.CustomerId}' (--strict)");
                continue;
            }
            if (existing.Contains(first.OrderId))
            {
                session.ReportSkipped("duplicates", rows.Count);
                continue;
            }
            orders.Add(
                new Order
                {
                    Source = source,
                    ExternalId = first.OrderId,
                    CustomerId = customerId,
                    OrderedAt = first.OrderedAt,
                    Amount = amount,
                    Currency = first.Currency ?? "EUR",
                    Margin = first.Margin,
                    RecordedAt = session.Now,
                    Lines = rows.Where(r => r.Row.Line is not null)
                        .Select(r => new OrderLine
                        {
                            ProductId = r.Row.Line!.ProductId,
                            ProductName = r.Row.Line.ProductName,
                            Quantity = r.Row.Line.Quantity,
                            UnitPrice = r.Row.Line.UnitPrice,
                        })
                        .ToList(),
                }
            );
            session.ReportImported(rows.Count);
        }
        await session.InsertAsync(orders, cancellationToken);
        foreach (var order in orders)
        foreach (var line in order.Lines)
            line.OrderId = order.Id;
        await session.InsertAsync(orders.SelectMany(o => o.Lines), cancellationToken);
        session.ReportCreated("orders", orders.Count);
        return orders;
    }

    private string? Problem(List<Parsed<OrderRow>> group, out decimal amount)
    {
        amount = 0;
        var first = group[0].Row;
        if (_seen.Contains(first.OrderId))
            return $"order_id: the lines of order '{first.OrderId}' must be consecutive rows (it appeared earlier in "
                + "the file)";
        if (group.FirstOrDefault(r => r.Row.CustomerId != first.CustomerId) is { Row: not null } other)
            return $"customer_id: order '{first.OrderId}' has lines for '{first.CustomerId}' and "
                + $"'{other.Row.CustomerId}'";
        var amounts = group.Select(r => r.Row.Amount).OfType<decimal>().Distinct().ToList();
        if (amounts.Count > 1)
            return $"amount: order '{first.OrderId}' has different amounts on its lines ({string.Join(", ", amounts)})";
        if (amounts.Count == 1)
        {
            amount = amounts[0];
            return null;
        }
        if (group.All(r => r.Row.Line is null))
            return "amount: is required when the order has no product lines";
        amount = group.Sum(r => r.Row.Line is { } l ? l.Quantity * l.UnitPrice : 0m);
        return null;
    }
}

using Microsoft.EntityFrameworkCore;
using Personalize.Caching;
using Personalize.Common;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Lifecycle;
using Personalize.Loyalty;
using Personalize.Scores;

namespace Personalize.Orders;

public sealed record OrderLineInput(string ProductId, string? ProductName, int Quantity, decimal UnitPrice);

public sealed record RecordOrderInput(
    string CustomerId,
    string OrderId,
    DateTime OrderedAt,
    decimal Amount,
    string? Currency = null,
    decimal? Margin = null,
    string? Source = null,
    IReadOnlyList<OrderLineInput>? Lines = null
);

/// <summary>
/// Records orders. (source, order id) identifies an order: recording it again returns the stored order and changes
/// nothing. The order, its lines, the customer's summary, scores and stage, and the loyalty points it earns are written
/// in one transaction; the score cache is updated after it commits.
/// </summary>
public sealed class OrderService(
    IDbContextFactory<PersonalizeDbContext> factory,
    CustomerSummaryRefresher summaries,
    CustomerRescorer rescorer,
    LoyaltyService loyalty,
    CustomerNearCache nearCache,
    TimeProvider clock
)
{
    public async Task<MutationResult<Order>> RecordAsync(RecordOrderInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = new Validator();
        var customerId = v.Id("customerId", input.CustomerId);
        var orderId = v.Id("orderId", input.OrderId);
        var source = input.Source is null ? Order.DefaultSource : v.Id("source", input.Source, 64);
        var currency = v.Currency("currency", input.Currency) ?? "EUR";
        v.Range("amount", input.Amount, 0m, 100_000_000m);
        v.Range("margin", input.Margin, -100_000_000m, 100_000_000m);
        if (input.Margin > input.Amount)
            v.Fail("margin", "cannot exceed the amount.");
        if (input.OrderedAt > now.AddMinutes(5))
            v.Fail("orderedAt", "is in the future.");
        var lines = input.Lines ?? [];
        if (lines.Count > 1000)
            v.Fail("lines", $"has {lines.Count} lines; at most 1000 are allowed.");
        for (var i = 0; i < lines.Count && i < 1000; i++)
        {
            v.Id($"lines[{i}].productId", lines[i].ProductId);
            v.Text($"lines[{i}].productName", lines[i].ProductName, 400);
            v.Range($"lines[{i}].quantity", lines[i].Quantity, 1, 1_000_000);
            v.Range($"lines[{i}].unitPrice", lines[i].UnitPrice, 0m, 10_000_000m);
        }
        if (!v.IsValid)
            return MutationResult<Order>.Fail(v.Errors);

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var existing = await FindAsync(db, source!, orderId!, cancellationToken);
            if (existing is not null)
                return SameOrder(existing, customerId!, input);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var customer = await CustomerService.FindOrCreateAsync(
                db,
                customerId!,
                input.OrderedAt,
                now,
                cancellationToken
            );
            var order = new Order
            {
                Source = source!,
                ExternalId = orderId!,
                Customer = customer,
                OrderedAt = input.OrderedAt,
                Amount = input.Amount,
                Currency = currency,
                Margin = input.Margin,
                RecordedAt = now,
                Lines = lines
                    .Select(l => new OrderLine
                    {
                        ProductId = l.ProductId.Trim(),
                        ProductName = l.ProductName?.Trim(),
                        Quantity = l.Quantity,
                        UnitPrice = l.UnitPrice,
                    })
                    .ToList(),
            };
            db.Orders.Add(order);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await summaries.RefreshSummariesAsync(db, [customer.Id], cancellationToken);
                await rescorer.RescoreAsync(db, customer.Id, cancellationToken);
                await summaries.RefreshStagesAsync(db, [customer.Id], cancellationToken);
                await loyalty.EarnForOrderAsync(
                    db,
                    order.Id,
                    customer.Id,
                    order.OrderedAt,
                    order.ExternalId,
                    order.Amount,
                    cancellationToken
                );
                await transaction.CommitAsync(cancellationToken);
                nearCache.Invalidate([customer.Id]);
                await rescorer.PublishAsync(factory, [customer.Id], cancellationToken);
                return MutationResult<Order>.Ok(order);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt == 0)
            {
                // The same order (or its new customer) was recorded concurrently: read it back.
            }
        }
    }

    private static Task<Order?> FindAsync(
        PersonalizeDbContext db,
        string source,
        string orderId,
        CancellationToken cancellationToken
    ) =>
        db
            .Orders.Include(o => o.Customer)
            .Include(o => o.Lines)
            .FirstOrDefaultAsync(o => o.Source == source && o.ExternalId == orderId, cancellationToken);

    private static MutationResult<Order> SameOrder(Order existing, string customerId, RecordOrderInput input) =>
        existing.Customer.ExternalId == customerId && existing.Amount == input.Amount
            ? MutationResult<Order>.Ok(existing)
            : MutationResult<Order>.Fail([
                new MutationError(
                    MutationErrorCode.Conflict,
                    $"Order '{input.OrderId}' is already recorded for customer '{existing.Customer.ExternalId}' with "
                        + $"amount {existing.Amount}; an order cannot be changed.",
                    "input.orderId"
                ),
            ]);
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Personalize.Customers;
using Personalize.Data;
using Personalize.Lifecycle;
using Personalize.Orders;

namespace Personalize.Seeding;

public sealed record SyntheticStoreSummary(int Customers, long Orders, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"Generated a synthetic store: {Customers:N0} customers, {Orders:N0} orders in {Elapsed.TotalSeconds:F1} s "
        + $"({Orders / Math.Max(Elapsed.TotalSeconds, 1e-9):N0} orders/s)";
}

/// <summary>
/// A large store for benchmarks: customers who buy as the BG/NBD story says (a Poisson rate per customer drawn from a
/// gamma, a dropout chance after each purchase drawn from a beta) and spend as Gamma-Gamma says, over three years up to
/// the anchor date. About 10 orders per customer. Written with the bulk writer, summaries included, so no refresh pass
/// is needed.
/// </summary>
public sealed class SyntheticStoreGenerator(
    IDbContextFactory<PersonalizeDbContext> factory,
    CustomerSummaryRefresher refresher
)
{
    private const double HistoryWeeks = 156;

    public async Task<SyntheticStoreSummary> GenerateAsync(
        int customers,
        DateTime anchor,
        int seed = 7,
        IProgress<(long Customers, long Orders)>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        var rng = new Random(seed);
        long orderCount = 0;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.UseLargePageCacheAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var bulk = new BulkInserter(db);
        var orders = new List<Order>();
        for (var n = 1; n <= customers; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var joinedWeeksAgo = rng.NextDouble() * HistoryWeeks;
            var joined = anchor.AddDays(-joinedWeeksAgo * 7);
            var rate = rng.Gamma(2.0, 1 / 11.0); // purchases per week: mean 0.18
            var dropout = rng.Beta(1.0, 14.0); // chance to leave after each purchase: mean 0.067
            var spendScale = rng.Gamma(4.0, 1 / 60.0); // Gamma-Gamma ν
            var customer = new Customer
            {
                ExternalId = $"S{n:0000000}",
                CreatedAt = joined,
                FirstSeenAt = joined,
                UpdatedAt = anchor,
                StageChangedAt = anchor,
                ConsentPersonalization = true,
            };

            orders.Clear();
            var t = joined;
            while (t < anchor)
            {
                var amount = Math.Round((decimal)rng.Gamma(5.0, 1 / spendScale), 2);
                orders.Add(
                    new Order
                    {
                        Source = "synthetic",
                        ExternalId = $"{customer.ExternalId}-{orders.Count + 1}",
                        OrderedAt = t,
                        Amount = amount,
                        Currency = "EUR",
                        RecordedAt = anchor,
                    }
                );
                if (rng.NextDouble() < dropout)
                    break;
                t = t.AddDays(rng.Exponential(1 / rate) * 7);
            }
            if (orders.Count > 0)
            {
                customer.OrderCount = orders.Count;
                customer.TotalSpent = orders.Sum(o => o.Amount);
                customer.FirstOrderAt = orders[0].OrderedAt;
                customer.LastOrderAt = orders[^1].OrderedAt;
            }
            bulk.Insert([customer]);
            foreach (var order in orders)
                order.CustomerId = customer.Id;
            bulk.Insert(orders, readGeneratedKeys: false);
            orderCount += orders.Count;
            if (n % 50_000 == 0)
                progress?.Report((n, orderCount));
        }
        await transaction.CommitAsync(cancellationToken);
        await refresher.RefreshStagesAsync(anchor, cancellationToken);
        return new SyntheticStoreSummary(customers, orderCount, stopwatch.Elapsed);
    }
}

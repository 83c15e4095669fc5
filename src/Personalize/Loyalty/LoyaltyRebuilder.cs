using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Personalize.Data;

namespace Personalize.Loyalty;

public sealed record LoyaltyRebuildProgress(int CustomersDone, int CustomersTotal);

public sealed record LoyaltyRebuildSummary(
    int Customers,
    int OrdersScanned,
    int EntriesCreated,
    long PointsAwarded,
    TimeSpan Elapsed
)
{
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Loyalty rebuilt: {Customers:N0} customers, {OrdersScanned:N0} orders scanned, {EntriesCreated:N0} orders "
                + $"earned {PointsAwarded:N0} points in {Elapsed.TotalSeconds:0.0} s"
        );
}

/// <summary>
/// Gives points to every order that has none yet — imported orders, which the bulk import writes without earning —
/// computed exactly as recording the order would have (tier from the spend of the 12 months before it). Idempotent:
/// an order that already earned is skipped. Works a slice of customers at a time, one transaction per slice.
/// </summary>
public sealed class LoyaltyRebuilder(IDbContextFactory<PersonalizeDbContext> factory, LoyaltyService loyalty)
{
    private const int CustomersPerSlice = 20_000;

    public async Task<LoyaltyRebuildSummary> RebuildAsync(
        IProgress<LoyaltyRebuildProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var stopwatch = Stopwatch.StartNew();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var customerIds = await db
            .Customers.Where(c => c.OrderCount > 0)
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var (scanned, created, points) = (0, 0, 0L);
        for (var start = 0; start < customerIds.Count; start += CustomersPerSlice)
        {
            var (from, to) = (
                customerIds[start],
                customerIds[Math.Min(start + CustomersPerSlice, customerIds.Count) - 1]
            );
            var orders = await db
                .Orders.Where(o => o.CustomerId >= from && o.CustomerId <= to)
                .Select(o => new EarningOrder(o.Id, o.CustomerId, o.OrderedAt, o.Amount, o.ExternalId))
                .ToListAsync(cancellationToken);
            var earned = (
                await db
                    .LoyaltyEntries.Where(e =>
                        e.Kind == LoyaltyEntryKind.Earn && e.CustomerId >= from && e.CustomerId <= to
                    )
                    .Select(e => e.OrderId!.Value)
                    .ToListAsync(cancellationToken)
            ).ToHashSet();
            var entries = orders
                .GroupBy(o => o.CustomerId)
                .SelectMany(EntriesFor)
                .Where(e => !earned.Contains(e.OrderId!.Value))
                .ToList();
            scanned += orders.Count;

            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                using (var inserter = new BulkInserter(db))
                    inserter.Insert(entries, readGeneratedKeys: false);
                await transaction.CommitAsync(cancellationToken);
            }
            created += entries.Count;
            points += entries.Sum(e => (long)e.Points);
            progress?.Report(
                new LoyaltyRebuildProgress(Math.Min(start + CustomersPerSlice, customerIds.Count), customerIds.Count)
            );
        }
        return new LoyaltyRebuildSummary(customerIds.Count, scanned, created, points, stopwatch.Elapsed);
    }

    /// <summary>One customer's earn entries: prior spend from prefix sums over the orders sorted by time.</summary>
    private IEnumerable<LoyaltyEntry> EntriesFor(IEnumerable<EarningOrder> customerOrders)
    {
        var orders = customerOrders.OrderBy(o => o.OrderedAt).ThenBy(o => o.Id).ToArray();
        var times = orders.Select(o => o.OrderedAt).ToArray();
        var prefix = new decimal[orders.Length + 1];
        for (var i = 0; i < orders.Length; i++)
            prefix[i + 1] = prefix[i] + orders[i].Amount;
        foreach (var order in orders)
        {
            // Orders strictly after the window start and strictly before this order, as EarnForOrderAsync sums them.
            var after = UpperBound(times, LoyaltyTiers.WindowStart(order.OrderedAt));
            var before = LowerBound(times, order.OrderedAt);
            var priorSpend = before > after ? prefix[before] - prefix[after] : 0m;
            if (
                loyalty.EarnEntry(
                    order.Id,
                    order.CustomerId,
                    order.OrderedAt,
                    order.ExternalId,
                    order.Amount,
                    priorSpend
                ) is
                { } entry
            )
                yield return entry;
        }
    }

    private static int LowerBound(DateTime[] times, DateTime value)
    {
        var i = Array.BinarySearch(times, value);
        if (i < 0)
            return ~i;
        while (i > 0 && times[i - 1] == value)
            i--;
        return i;
    }

    private static int UpperBound(DateTime[] times, DateTime value)
    {
        var i = Array.BinarySearch(times, value);
        if (i < 0)
            return ~i;
        while (i < times.Length && times[i] == value)
            i++;
        return i;
    }

    private sealed record EarningOrder(long Id, long CustomerId, DateTime OrderedAt, decimal Amount, string ExternalId);
}

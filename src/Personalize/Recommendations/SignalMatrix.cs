using Microsoft.Extensions.Options;
using Personalize.Common;
using Personalize.Content;
using Personalize.Customers;
using Personalize.Lifecycle;

namespace Personalize.Recommendations;

/// <summary>What one customer did with one item before the cut-off: the summed, recency-decayed weight.</summary>
public readonly record struct CustomerItem(int Item, float Score, long LastTicks, int Count);

/// <summary>A customer as of the cut-off, from their signals and orders only (no stored score can leak the future
/// in).</summary>
public readonly record struct CustomerSummary(
    LifecycleStage Stage,
    int SpendBand,
    int SignalCount,
    int DistinctItems,
    long LastTicks
);

/// <summary>An item as of the cut-off: how many customers took it (ever, and in the last <see
/// cref="SignalMatrix.RecentDays"/>).</summary>
public readonly record struct ItemSummary(int Customers, int RecentCustomers, long LastTicks);

/// <summary>
/// The customer × item interaction matrix as of <see cref="Until"/> (signals strictly before it): one <see
/// cref="CustomerItem"/> per pair, sorted by customer then item, with its transpose (the customers of each item who
/// liked it), plus per-customer and per-item summaries. Built from a <see cref="SignalLog"/> with a sort, no EF entity.
/// </summary>
public sealed class SignalMatrix
{
    public const int RecentDays = 30;
    public const int SpendBands = 5;

    private readonly int[] _customerStart;
    private readonly CustomerItem[] _pairs;
    private readonly int[] _itemStart;
    private readonly int[] _itemCustomers;
    private readonly CustomerSummary[] _customers;
    private readonly ItemSummary[] _items;

    public SignalMatrix(
        SignalLog log,
        DateTime until,
        SignalWeights? weights = null,
        LifecycleClassifier? classifier = null
    )
    {
        (Log, Until, Weights) = (log, until, weights ?? SignalWeights.Default);
        var (customers, items) = (log.CustomerCount, log.ItemCount);
        var n = log.SignalsBefore(until);

        var keys = new long[n];
        var index = new int[n];
        for (var s = 0; s < n; s++)
            (keys[s], index[s]) = ((long)log.SignalCustomers[s] * items + log.SignalItems[s], s);
        Array.Sort(keys, index);

        _customerStart = new int[customers + 1];
        var pairs = new List<CustomerItem>();
        var signalCount = new int[customers];
        var lastSignal = new long[customers];
        for (int start = 0, end; start < n; start = end)
        {
            for (end = start + 1; end < n && keys[end] == keys[start]; end++) { }
            double score = 0;
            long last = 0;
            for (var k = start; k < end; k++)
            {
                var s = index[k];
                score +=
                    log.SignalWeights[s]
                    * Weights.Decay((until.Ticks - log.SignalTicks[s]) / (double)TimeSpan.TicksPerDay);
                last = Math.Max(last, log.SignalTicks[s]);
            }
            var customer = (int)(keys[start] / items);
            pairs.Add(new CustomerItem((int)(keys[start] % items), (float)score, last, end - start));
            _customerStart[customer + 1]++;
            signalCount[customer] += end - start;
            lastSignal[customer] = Math.Max(lastSignal[customer], last);
        }
        for (var c = 0; c < customers; c++)
            _customerStart[c + 1] += _customerStart[c];
        _pairs = [.. pairs];

        (_itemStart, _itemCustomers, _items) = Transpose(items, until);
        _customers = Summaries(
            classifier ?? new LifecycleClassifier(Options.Create(new LifecycleOptions())),
            signalCount,
            lastSignal
        );
    }

    public SignalLog Log { get; }
    public DateTime Until { get; }
    public SignalWeights Weights { get; }
    public int CustomerCount => Log.CustomerCount;
    public int ItemCount => Log.ItemCount;

    public ReadOnlySpan<CustomerItem> ItemsOf(int customer) =>
        _pairs.AsSpan(_customerStart[customer], _customerStart[customer + 1] - _customerStart[customer]);

    /// <summary>The customers with a positive score on the item, by index.</summary>
    public ReadOnlySpan<int> CustomersOf(int item) =>
        _itemCustomers.AsSpan(_itemStart[item], _itemStart[item + 1] - _itemStart[item]);

    public CustomerSummary Customer(int customer) => _customers[customer];

    public ItemSummary Item(int item) => _items[item];

    public bool TryGet(int customer, int item, out CustomerItem pair)
    {
        var span = ItemsOf(customer);
        int lo = 0,
            hi = span.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (span[mid].Item == item)
            {
                pair = span[mid];
                return true;
            }
            if (span[mid].Item < item)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        pair = default;
        return false;
    }

    /// <summary>The items to exclude for a customer: those they took before, unless of a repeatable kind (null: every
    /// kind is).</summary>
    public Predicate<int>? Consumed(int customer, IReadOnlySet<ContentKind>? repeatableKinds) =>
        repeatableKinds is null
            ? null
            : item => !repeatableKinds.Contains(Log.ItemKinds[item]) && TryGet(customer, item, out _);

    public double AgeDays(long ticks) => (Until.Ticks - ticks) / (double)TimeSpan.TicksPerDay;

    private (int[] Start, int[] Customers, ItemSummary[] Items) Transpose(int items, DateTime until)
    {
        var start = new int[items + 1];
        foreach (var p in _pairs)
            if (p.Score > 0)
                start[p.Item + 1]++;
        for (var i = 0; i < items; i++)
            start[i + 1] += start[i];
        var next = start[..^1].ToArray();
        var customers = new int[start[items]];
        var recent = new int[items];
        var last = new long[items];
        var recentFrom = until.AddDays(-RecentDays).Ticks;
        for (var c = 0; c < CustomerCount; c++)
            foreach (var p in ItemsOf(c))
            {
                if (p.Score <= 0)
                    continue;
                customers[next[p.Item]++] = c;
                if (p.LastTicks >= recentFrom)
                    recent[p.Item]++;
                last[p.Item] = Math.Max(last[p.Item], p.LastTicks);
            }
        var summaries = new ItemSummary[items];
        for (var i = 0; i < items; i++)
            summaries[i] = new ItemSummary(start[i + 1] - start[i], recent[i], last[i]);
        return (start, customers, summaries);
    }

    /// <summary>Stage by the configured rule applied to the orders before the cut-off; spend band = quintile of spend
    /// so far.</summary>
    private CustomerSummary[] Summaries(LifecycleClassifier classifier, int[] signalCount, long[] lastSignal)
    {
        var history = new Customer[CustomerCount];
        var orders = Log.OrdersBefore(Until);
        for (var o = 0; o < orders; o++)
        {
            var c = history[Log.OrderCustomers[o]] ??= new Customer();
            var at = new DateTime(Log.OrderTicks[o], DateTimeKind.Utc);
            c.OrderCount++;
            c.TotalSpent += (decimal)Log.OrderAmounts[o];
            c.FirstOrderAt ??= at;
            c.LastOrderAt = at;
        }
        var spends = history.Where(c => c is not null).Select(c => c.TotalSpent).Order().ToArray();
        var summaries = new CustomerSummary[CustomerCount];
        for (var c = 0; c < CustomerCount; c++)
        {
            var customer = history[c] ?? new Customer();
            var band =
                customer.OrderCount == 0
                    ? 0
                    : 1
                        + Math.Min(
                            SpendBands - 1,
                            SpendBands * LowerBound(spends, customer.TotalSpent) / spends.Length
                        );
            summaries[c] = new CustomerSummary(
                classifier.Classify(customer, Until, null),
                band,
                signalCount[c],
                _customerStart[c + 1] - _customerStart[c],
                lastSignal[c]
            );
        }
        return summaries;
    }

    private static int LowerBound(decimal[] sorted, decimal value)
    {
        int lo = 0,
            hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}

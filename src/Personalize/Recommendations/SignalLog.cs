using Personalize.Content;

namespace Personalize.Recommendations;

/// <summary>
/// Every signal and order up to some date, in compact parallel arrays sorted by time (about 20 bytes a signal), with
/// dense customer and item indexes. A <see cref="SignalMatrix"/> is a view of it as of a date, so one log serves a
/// training slice, the evaluation cut-off and the test window alike.
/// </summary>
public sealed class SignalLog
{
    private readonly Dictionary<long, int> _customerIndex;
    private readonly Dictionary<long, int> _itemIndex;

    private SignalLog(Builder b)
    {
        _customerIndex = b.CustomerIndex;
        _itemIndex = b.ItemIndex;
        CustomerIds = [.. b.CustomerIds];
        ItemIds = [.. b.ItemIds];
        ItemKinds = [.. b.ItemKinds];
        ItemCreatedTicks = [.. b.ItemCreated];

        var order = Enumerable.Range(0, b.SignalTicks.Count).ToArray();
        var ticks = b.SignalTicks.ToArray();
        Array.Sort(ticks, order); // introsort is not stable: restore insertion order among equal times below
        SortEqualRuns(ticks, order);
        SignalTicks = ticks;
        SignalCustomers = order.Select(i => b.SignalCustomers[i]).ToArray();
        SignalItems = order.Select(i => b.SignalItems[i]).ToArray();
        SignalWeights = order.Select(i => b.SignalWeights[i]).ToArray();

        var orders = Enumerable.Range(0, b.OrderTicks.Count).ToArray();
        var orderTicks = b.OrderTicks.ToArray();
        Array.Sort(orderTicks, orders);
        SortEqualRuns(orderTicks, orders);
        OrderTicks = orderTicks;
        OrderCustomers = orders.Select(i => b.OrderCustomers[i]).ToArray();
        OrderAmounts = orders.Select(i => b.OrderAmounts[i]).ToArray();
    }

    public long[] CustomerIds { get; }
    public long[] ItemIds { get; }
    public ContentKind[] ItemKinds { get; }
    public long[] ItemCreatedTicks { get; }
    public int CustomerCount => CustomerIds.Length;
    public int ItemCount => ItemIds.Length;

    internal long[] SignalTicks { get; }
    internal int[] SignalCustomers { get; }
    internal int[] SignalItems { get; }

    /// <summary>Kind weight × quantity factor, before recency decay.</summary>
    internal float[] SignalWeights { get; }
    internal long[] OrderTicks { get; }
    internal int[] OrderCustomers { get; }
    internal float[] OrderAmounts { get; }

    public int SignalCount => SignalTicks.Length;

    public int? CustomerIndex(long customerId) => _customerIndex.TryGetValue(customerId, out var i) ? i : null;

    public int? ItemIndex(long itemId) => _itemIndex.TryGetValue(itemId, out var i) ? i : null;

    /// <summary>The number of signals strictly before <paramref name="time"/> (they come first).</summary>
    public int SignalsBefore(DateTime time) => LowerBound(SignalTicks, time.Ticks);

    public int OrdersBefore(DateTime time) => LowerBound(OrderTicks, time.Ticks);

    /// <summary>The positive signals in [from, until), one entry per customer: the items they took.</summary>
    public Dictionary<int, HashSet<int>> PositiveItemsBetween(DateTime from, DateTime until)
    {
        var result = new Dictionary<int, HashSet<int>>();
        for (var s = SignalsBefore(from); s < SignalTicks.Length && SignalTicks[s] < until.Ticks; s++)
        {
            if (SignalWeights[s] <= 0)
                continue;
            if (!result.TryGetValue(SignalCustomers[s], out var items))
                result[SignalCustomers[s]] = items = [];
            items.Add(SignalItems[s]);
        }
        return result;
    }

    private static int LowerBound(long[] sorted, long value)
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

    private static void SortEqualRuns(long[] keys, int[] order)
    {
        for (int start = 0, end; start < keys.Length; start = end)
        {
            for (end = start + 1; end < keys.Length && keys[end] == keys[start]; end++) { }
            if (end - start > 1)
                Array.Sort(order, start, end - start);
        }
    }

    /// <summary>Collects items, signals and orders in any order; ids get dense indexes as first seen.</summary>
    public sealed class Builder
    {
        internal readonly Dictionary<long, int> CustomerIndex = [];
        internal readonly Dictionary<long, int> ItemIndex = [];
        internal readonly List<long> CustomerIds = [];
        internal readonly List<long> ItemIds = [];
        internal readonly List<ContentKind> ItemKinds = [];
        internal readonly List<long> ItemCreated = [];
        internal readonly List<long> SignalTicks = [];
        internal readonly List<int> SignalCustomers = [];
        internal readonly List<int> SignalItems = [];
        internal readonly List<float> SignalWeights = [];
        internal readonly List<long> OrderTicks = [];
        internal readonly List<int> OrderCustomers = [];
        internal readonly List<float> OrderAmounts = [];

        public Builder AddItem(long itemId, ContentKind kind, DateTime createdAt)
        {
            if (ItemIndex.TryGetValue(itemId, out var i))
                (ItemKinds[i], ItemCreated[i]) = (kind, createdAt.Ticks);
            else
            {
                ItemIndex[itemId] = ItemIds.Count;
                ItemIds.Add(itemId);
                ItemKinds.Add(kind);
                ItemCreated.Add(createdAt.Ticks);
            }
            return this;
        }

        /// <param name="weight">From <see cref="Recommendations.SignalWeights.Of"/>.</param>
        public Builder AddSignal(long customerId, long itemId, DateTime at, double weight)
        {
            if (!ItemIndex.ContainsKey(itemId))
                AddItem(itemId, ContentKind.Product, at);
            SignalTicks.Add(at.Ticks);
            SignalCustomers.Add(Customer(customerId));
            SignalItems.Add(ItemIndex[itemId]);
            SignalWeights.Add((float)weight);
            return this;
        }

        public Builder AddOrder(long customerId, DateTime at, decimal amount)
        {
            OrderTicks.Add(at.Ticks);
            OrderCustomers.Add(Customer(customerId));
            OrderAmounts.Add((float)amount);
            return this;
        }

        public SignalLog Build() => new(this);

        private int Customer(long id)
        {
            if (CustomerIndex.TryGetValue(id, out var i))
                return i;
            CustomerIndex[id] = CustomerIds.Count;
            CustomerIds.Add(id);
            return CustomerIds.Count - 1;
        }
    }
}

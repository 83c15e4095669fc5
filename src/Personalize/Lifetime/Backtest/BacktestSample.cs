namespace Personalize.Lifetime.Backtest;

/// <summary>
/// A random sample of back-test customers, drawn by a hash of the customer id: the customers with the smallest
/// hashes, in their original order. The same seed keeps the same customers from one day to the next (a customer joins
/// or leaves the sample only as others come and go), and another seed draws an independent sample.
/// </summary>
public static class BacktestSample
{
    /// <returns>The customers themselves when there are no more than <paramref name="size"/>.</returns>
    public static IReadOnlyList<ClvBacktestCustomer> Take(
        IReadOnlyList<ClvBacktestCustomer> customers,
        int size,
        int seed = 0
    )
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (customers.Count <= size)
            return customers;
        var hashes = new ulong[customers.Count];
        var order = new int[customers.Count];
        for (var i = 0; i < customers.Count; i++)
            (hashes[i], order[i]) = (Mix((ulong)customers[i].CustomerId ^ Mix((ulong)seed + 0x9E3779B97F4A7C15UL)), i);
        Array.Sort(hashes, order);
        var chosen = order[..size];
        Array.Sort(chosen);
        return chosen.Select(i => customers[i]).ToArray();
    }

    // SplitMix64's finalizer: every bit of the input moves about half the output bits.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

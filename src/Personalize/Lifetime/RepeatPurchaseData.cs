namespace Personalize.Lifetime;

/// <summary>
/// The sufficient statistics of the BG/NBD model: customers grouped by identical (x, t_x, T) with a count, so that
/// the likelihood costs one term per distinct triple rather than one per customer.
/// </summary>
public sealed class RepeatPurchaseData
{
    private readonly Dictionary<(int X, double Tx, double T), long> _counts = new();
    private RepeatPurchaseGroup[]? _groups;

    public long CustomerCount { get; private set; }
    public long RepeatCustomerCount { get; private set; }

    /// <summary>The groups ordered by (x, t_x, T), so that iteration order, and hence fitting, is
    /// deterministic.</summary>
    public IReadOnlyList<RepeatPurchaseGroup> Groups =>
        _groups ??= _counts
            .Select(kv => new RepeatPurchaseGroup(kv.Key.X, kv.Key.Tx, kv.Key.T, kv.Value))
            .OrderBy(g => g.Frequency)
            .ThenBy(g => g.Recency)
            .ThenBy(g => g.Age)
            .ToArray();

    public void Add(int frequency, double recency, double age, long count = 1)
    {
        if (frequency < 0)
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "x must be ≥ 0.");
        if (!double.IsFinite(age) || age < 0)
            throw new ArgumentOutOfRangeException(nameof(age), age, "T must be finite and ≥ 0.");
        if (!double.IsFinite(recency) || recency < 0 || recency > age)
            throw new ArgumentOutOfRangeException(nameof(recency), recency, "t_x must lie in [0, T].");
        if (frequency == 0 && recency != 0)
            throw new ArgumentOutOfRangeException(nameof(recency), recency, "t_x must be 0 when x = 0.");
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be positive.");

        var key = (frequency, recency, age);
        _counts[key] = _counts.GetValueOrDefault(key) + count;
        CustomerCount += count;
        if (frequency > 0)
            RepeatCustomerCount += count;
        _groups = null;
    }

    public static RepeatPurchaseData FromStatistics(IEnumerable<CustomerStatistics> customers)
    {
        var data = new RepeatPurchaseData();
        foreach (var c in customers)
            data.Add(c.Frequency, c.Recency, c.Age);
        return data;
    }
}
